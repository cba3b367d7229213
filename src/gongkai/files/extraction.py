"""Text of stored files, for search.

``extract(stored_file)`` reads PDF (pypdf), DOCX (its main part streamed:
paragraphs and tables in document order) and XLSX (openpyxl, read-only: cell
values) and returns at most ``TEXT_LIMIT`` characters and a problem code.
The reading runs in a child process (``sandbox``) limited in memory
(``EXTRACTION_MEMORY_BYTES``) and wall-clock time
(``EXTRACTION_TIMEOUT_SECONDS``); the readers themselves stop at
``EXTRACTION_XML_MAX_BYTES`` of XML (``readers``). Images, OFD, DOC and XLS
give "" at once. A file that cannot be read (broken, hostile, past a limit)
gives "" (or the text read before the limit), its problem code and a warning
in the ``gongkai.files`` log, never an exception, and is not tried again.
Errors opening the blob itself (storage unreachable, blob missing) do
propagate: the job retries them. ``extract_text`` is the text alone.

``store_extracted_text(file_id)`` is what the job runs: idempotent, and one
extraction serves every row with the same content.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from . import readers, sandbox
from .kinds import FileKind
from .limits import setting
from .models import StoredFile

logger = logging.getLogger("gongkai.files")

TEXT_LIMIT = 200_000
PDF_MAX_PAGES = readers.PDF_MAX_PAGES
# A file still without text this long after upload lost its extraction job.
LOST_AFTER = timedelta(hours=1)
EXTRACTABLE = frozenset({FileKind.PDF, FileKind.DOCX, FileKind.XLSX})


def extract(stored_file: StoredFile, *, limit: int = TEXT_LIMIT) -> sandbox.Outcome:
    """The text of a stored file (at most ``limit`` characters) and what went wrong, if anything."""
    if stored_file.kind not in EXTRACTABLE:
        return sandbox.Outcome("")
    with stored_file.blob.storage.open(stored_file.blob.name, "rb") as handle:
        outcome = sandbox.run(
            handle,
            str(stored_file.kind),
            limit=limit,
            memory_bytes=setting("EXTRACTION_MEMORY_BYTES"),
            timeout=setting("EXTRACTION_TIMEOUT_SECONDS"),
            xml_max_bytes=setting("EXTRACTION_XML_MAX_BYTES"),
            zip_max_total_bytes=setting("UPLOAD_ZIP_MAX_TOTAL_BYTES"),
        )
    if outcome.problem:
        # Broken or hostile files are expected here; they must not stop anything.
        logger.warning(
            "Text extraction failed for file %s (%s, %s): %s%s; %d characters kept",
            stored_file.pk,
            stored_file.kind,
            stored_file.sha256[:12],
            outcome.problem,
            f" ({outcome.detail})" if outcome.detail else "",
            len(outcome.text),
        )
    return outcome


def extract_text(stored_file: StoredFile, *, limit: int = TEXT_LIMIT) -> str:
    """The text of a stored file (at most ``limit`` characters), or ""."""
    return extract(stored_file, limit=limit).text


def store_extracted_text(file_id: int) -> str:
    """Extract and keep the text of one file (and its identical twins); safe to run twice."""
    stored = StoredFile.objects.filter(pk=file_id).first()
    if stored is None:
        return f"file {file_id} missing: nothing extracted"
    if stored.text_extracted_at is not None:
        return f"file {file_id} already extracted"
    outcome = extract(stored)
    updated = StoredFile.objects.filter(
        Q(pk=file_id) | Q(sha256=stored.sha256), text_extracted_at__isnull=True
    ).update(
        extracted_text=outcome.text,
        text_problem=outcome.problem,
        text_extracted_at=timezone.now(),
    )
    problem = f" ({outcome.problem})" if outcome.problem else ""
    return f"file {file_id}: {len(outcome.text)} characters extracted{problem} for {updated} row(s)"


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
