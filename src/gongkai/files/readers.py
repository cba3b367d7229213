"""The text readers of each kind, without Django: what the extraction child runs.

``read_text(stream, kind, limit=, xml_max_bytes=, zip_max_total_bytes=)``
returns at most ``limit`` characters and a problem code ("" when the whole
text, or its first ``limit`` characters, was read). This module is imported
by the extraction server (``sandbox``), whose child has already limited its
own memory and time; the readers still stop early on their own, so even
inside the child a hostile file costs little:

* DOCX: the main document part is streamed through lxml's pull parser
  (no DTD, no entities, no network, ``huge_tree`` off), 64 KiB at a time;
  elements are dropped once read, and reading stops when ``limit``
  characters are collected or ``xml_max_bytes`` of XML have been read.
  python-docx (which builds the whole tree: a 200 MiB ``document.xml`` took
  gigabytes) is not used.
* XLSX: openpyxl in read-only mode (worksheets are streamed). The parts it
  loads whole (shared strings, styles, the workbook) must declare at most
  ``xml_max_bytes``.
* PDF: pypdf, at most ``PDF_MAX_PAGES`` pages.

ZIP members are read through ``zipfile``, which never inflates a member past
the size its central directory declares and checks the CRC at the end, so a
member lying about its size stops at the lie. The archive is checked again
here (its total declared size), as at upload.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator

PDF_MAX_PAGES = 5_000
CHUNK = 64 * 1024
RELS_MAX_BYTES = 1024 * 1024

OK = ""
UNREADABLE = "unreadable"  # the library could not read it (broken, encrypted, not that kind)
TOO_LARGE = "too_large"  # a part past the XML limit: the text read before it is kept


class TooLarge(Exception):
    """A part of the file is larger than the extraction limits allow."""


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


def _check_archive(archive: zipfile.ZipFile, max_total_bytes: int) -> None:
    """The upload's ZIP checks again (a file stored before they existed)."""
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > max_total_bytes:
        raise TooLarge(f"archive declares {total} bytes uncompressed")


# -- PDF ----------------------------------------------------------------------------


def _pdf(stream, limit: int, xml_max_bytes: int) -> Iterator[str]:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted and not reader.decrypt(""):
        return
    for number, page in enumerate(reader.pages):
        if number >= PDF_MAX_PAGES:
            return
        yield page.extract_text() or ""


# -- DOCX, streamed --------------------------------------------------------------------

_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 strict
)
_OFFICE_DOCUMENT = "/officeDocument"


def _local(tag) -> str:
    """``p`` for ``{w-namespace}p``; "" for anything outside WordprocessingML."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    namespace, _, name = tag[1:].partition("}")
    return name if namespace in _W else ""


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part's name, from the package relationships."""
    from lxml import etree

    try:
        info = archive.getinfo("_rels/.rels")
    except KeyError:
        return "word/document.xml"
    if info.file_size > RELS_MAX_BYTES:
        raise TooLarge("_rels/.rels")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with archive.open(info) as part:
        root = etree.fromstring(part.read(RELS_MAX_BYTES + 1), parser)
    for relation in root:
        if str(relation.get("Type", "")).endswith(_OFFICE_DOCUMENT):
            target = str(relation.get("Target", "")).lstrip("/")
            return posixpath.normpath(target) if target else "word/document.xml"
    return "word/document.xml"


class _DocxText:
    """Paragraphs and table rows, in document order, from pull-parser events.

    A paragraph is its runs' text (``w:t``; ``w:tab`` → tab, ``w:br``/``w:cr``
    → new line); a table row is its cells joined by tabs, a cell its paragraphs
    joined by new lines; a table inside a cell becomes lines of that cell.
    Text held in open paragraphs, cells and rows stops growing at ``limit``
    characters (one paragraph of a million runs, a cell of a million
    paragraphs): no more could be kept anyway.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.held = 0  # characters in open paragraphs, cells and rows
        self.blocks: list[str] = []  # finished top-level blocks, not yet handed out
        self.paragraph: list[str] | None = None
        self.cells: list[list[str]] = []  # the blocks of each open cell, innermost last
        self.rows: list[list[str]] = []  # the cells of each open row, innermost last

    def _add(self, text: str) -> None:
        if self.paragraph is not None and self.held < self.limit:
            self.paragraph.append(text)
            self.held += len(text)

    def _emit(self, text: str) -> None:
        if self.cells:
            if self.held < self.limit:
                self.cells[-1].append(text)
        else:
            self.blocks.append(text)
            self.held = 0

    def start(self, name: str) -> None:
        if name == "p":
            self.paragraph = []
        elif name == "tr":
            self.rows.append([])
        elif name == "tc":
            self.cells.append([])

    def end(self, name: str, element) -> None:
        if name == "t":
            if element.text:
                self._add(element.text)
        elif name in ("tab", "br", "cr", "noBreakHyphen"):
            parent = element.getparent()
            if parent is not None and _local(parent.tag) == "r":
                self._add({"tab": "\t", "noBreakHyphen": "-"}.get(name, "\n"))
        elif name == "p":
            if self.paragraph is not None:
                self._emit("".join(self.paragraph))
            self.paragraph = None
        elif name == "tc":
            if self.cells:
                text = "\n".join(self.cells.pop())
                if self.rows and self.held < self.limit:
                    self.rows[-1].append(text)
        elif name == "tr" and self.rows:
            self._emit("\t".join(self.rows.pop()))

    def take(self) -> list[str]:
        blocks, self.blocks = self.blocks, []
        return blocks


_DOCX_TAGS = ("p", "r", "t", "tab", "br", "cr", "noBreakHyphen", "tc", "tr")
_DOCX_NAMES = {f"{{{namespace}}}{name}": name for namespace in _W for name in _DOCX_TAGS}
# Ending one of these, an element and its earlier siblings are dropped from the tree.
_DOCX_DROP = frozenset({"p", "r", "tr"})


def _docx(stream, limit: int, xml_max_bytes: int) -> Iterator[str]:
    from lxml import etree

    with zipfile.ZipFile(stream) as archive:
        name = _main_part(archive)
        info = archive.getinfo(name)
        parser = etree.XMLPullParser(
            events=("start", "end"),
            tag=list(_DOCX_NAMES),  # events for these only: the loop below is Python
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        text = _DocxText(limit)
        read = 0
        with archive.open(info) as part:
            while chunk := part.read(CHUNK):
                read += len(chunk)
                if read > xml_max_bytes:
                    yield from text.take()
                    raise TooLarge(f"{name} is larger than {xml_max_bytes} bytes")
                parser.feed(chunk)
                for event, element in parser.read_events():
                    local = _DOCX_NAMES[element.tag]
                    if event == "start":
                        text.start(local)
                        continue
                    text.end(local, element)
                    if local in _DOCX_DROP:
                        # Forget what has been read: the tree holds the open
                        # elements (at most 256 deep without huge_tree) and what
                        # came since the last run, paragraph or row ended.
                        element.clear()
                        while element.getprevious() is not None:
                            del element.getparent()[0]
                yield from text.take()
        parser.close()
        yield from text.take()


# -- XLSX -------------------------------------------------------------------------------


def _xlsx(stream, limit: int, xml_max_bytes: int) -> Iterator[str]:
    import openpyxl

    with zipfile.ZipFile(stream) as archive:
        for member in archive.infolist():
            name = member.filename
            streamed = name.startswith("xl/worksheets/") and not name.endswith(".rels")
            if not streamed and member.file_size > xml_max_bytes:
                raise TooLarge(f"{member.filename} declares {member.file_size} bytes")
    stream.seek(0)
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


READERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx}
ZIP_KINDS = frozenset({"docx", "xlsx"})


def read_text(
    stream, kind: str, *, limit: int, xml_max_bytes: int, zip_max_total_bytes: int
) -> tuple[str, str]:
    """(text, problem) of a seekable binary ``stream`` of ``kind``.

    Exceptions of the libraries propagate (the caller records the file as
    unreadable); a part past the limits gives the text read before it and
    ``TOO_LARGE``.
    """
    reader = READERS.get(kind)
    if reader is None:
        return "", OK
    collected: list[str] = []

    def pieces() -> Iterator[str]:
        if kind in ZIP_KINDS:
            with zipfile.ZipFile(stream) as archive:
                _check_archive(archive, zip_max_total_bytes)
            stream.seek(0)
        for piece in reader(stream, limit, xml_max_bytes):
            collected.append(piece)
            yield piece

    try:
        return _bounded(pieces(), limit), OK
    except TooLarge:
        return _bounded(iter(collected), limit), TOO_LARGE
