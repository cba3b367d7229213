"""Text of stored files, for search.

``extract_text(stored_file)`` reads PDF (pypdf), DOCX (python-docx: paragraphs
and tables in document order) and XLSX (openpyxl, read-only: cell values) and
returns at most ``TEXT_LIMIT`` characters. Images, OFD, DOC and XLS give "".
A file the library cannot read (a broken PDF, say) gives "" and a warning in
the ``gongkai.files`` log, never an exception. Errors opening the blob itself
(storage unreachable, blob missing) do propagate: the job retries them.

``store_extracted_text(file_id)`` is what the job runs: idempotent, and one
extraction serves every row with the same content.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .kinds import FileKind
from .models import StoredFile

logger = logging.getLogger("gongkai.files")

TEXT_LIMIT = 200_000
PDF_MAX_PAGES = 5_000
# A file still without text this long after upload lost its extraction job.
LOST_AFTER = timedelta(hours=1)


def _pdf(stream) -> Iterator[str]:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted and not reader.decrypt(""):
        logger.info("PDF is encrypted with a password; no text extracted")
        return
    for number, page in enumerate(reader.pages):
        if number >= PDF_MAX_PAGES:
            return
        yield page.extract_text() or ""


def _docx_blocks(container) -> Iterator[str]:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _docx_table(block)
        else:
            yield block.text


def _docx_table(table) -> Iterator[str]:
    for row in table.rows:
        seen = set()  # a merged cell is returned once per grid column it spans
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(_docx_blocks(cell)))
        yield "\t".join(cells)


def _docx(stream) -> Iterator[str]:
    import docx

    yield from _docx_blocks(docx.Document(stream))


def _xlsx(stream) -> Iterator[str]:
    import openpyxl

    workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                values = [str(value) for value in row if value is not None and value != ""]
                if values:
                    yield "\t".join(values)
    finally:
        workbook.close()


EXTRACTORS = {FileKind.PDF: _pdf, FileKind.DOCX: _docx, FileKind.XLSX: _xlsx}


def _bounded(pieces: Iterator[str], limit: int) -> str:
    out, length = [], 0
    for piece in pieces:
        piece = piece.replace("\x00", "").strip()
        if not piece:
            continue
        out.append(piece)
        length += len(piece) + 1
        if length >= limit:
            break
    return "\n".join(out)[:limit]


def _seekable(handle):
    """The blob as a seekable file: the readers jump around inside it."""
    if handle.seekable():
        return handle
    copy = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    shutil.copyfileobj(handle, copy)
    copy.seek(0)
    return copy


def extract_text(stored_file: StoredFile, *, limit: int = TEXT_LIMIT) -> str:
    """The text of a stored file (at most ``limit`` characters), or ""."""
    extractor = EXTRACTORS.get(stored_file.kind)
    if extractor is None:
        return ""
    with stored_file.blob.storage.open(stored_file.blob.name, "rb") as handle:
        stream = _seekable(handle)
        try:
            return _bounded(extractor(stream), limit)
        except Exception as exc:
            # Broken or hostile files are expected here; they must not stop anything.
            logger.warning(
                "Text extraction failed for file %s (%s, %s): %s: %s",
                stored_file.pk,
                stored_file.kind,
                stored_file.sha256[:12],
                type(exc).__name__,
                exc,
            )
            return ""
        finally:
            if stream is not handle:
                stream.close()


def store_extracted_text(file_id: int) -> str:
    """Extract and keep the text of one file (and its identical twins); safe to run twice."""
    stored = StoredFile.objects.filter(pk=file_id).first()
    if stored is None:
        return f"file {file_id} missing: nothing extracted"
    if stored.text_extracted_at is not None:
        return f"file {file_id} already extracted"
    text = extract_text(stored)
    updated = StoredFile.objects.filter(
        Q(pk=file_id) | Q(sha256=stored.sha256), text_extracted_at__isnull=True
    ).update(extracted_text=text, text_extracted_at=timezone.now())
    return f"file {file_id}: {len(text)} characters extracted for {updated} row(s)"


def extract_missing(batch: int = 100) -> int:
    """Extract the text of files whose extraction job was lost; return how many ran."""
    pending = list(
        StoredFile.objects.filter(
            text_extracted_at__isnull=True,
            created_at__lt=timezone.now() - LOST_AFTER,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:batch]
    )
    done = 0
    for file_id in pending:
        try:
            store_extracted_text(file_id)
            done += 1
        except Exception:
            logger.exception("Text extraction for file %s failed", file_id)
    return done
