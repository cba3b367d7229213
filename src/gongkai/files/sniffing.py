"""Deciding what a file is from its content, never from its name.

``sniff(fileobj)`` reads the first bytes and, for containers, the container's
own index, and answers with a ``Sniffed``: the accepted kind (or ``None``), a
description of what the content is (for the refusal message), and a problem
that refuses the file whatever kinds are allowed (a ZIP bomb, macros,
encryption).

* PDF ``%PDF-`` at offset 0; JPEG ``FF D8 FF``; PNG its 8-byte signature
  followed by the ``IHDR`` chunk. (PDF readers tolerate up to 1024 bytes
  before ``%PDF-``; those bytes are where an HTML/PDF polyglot puts its page,
  so the header must come first.)
* Polyglots: whatever the kind, the first ``POLYGLOT_SCAN_BYTES`` must not
  hold HTML, SVG or script markers (``<html``, ``<script``, ``<!doctype``,
  ``<svg``, ``<body``, ``<iframe``…, any case): a browser that sniffs would
  run them as a page of this site.
* ZIP-based kinds (OFD, DOCX, XLSX): only the end record and the central
  directory are read (the end record first: the directory's size and its
  number of members are checked before ``zipfile`` reads it), and the
  declared sizes are checked before any member is opened (``_zip_problem``):
  total uncompressed size, per-member ratio, number of members (limits in
  ``limits``), encrypted members, compression methods other than stored and
  deflated, duplicate names and archives inside the archive. Python's
  ``zipfile`` never inflates a member past its declared size (and checks the
  CRC at the end), so the declared sizes bound what any later reader can
  inflate; extraction reads them again in a limited child process. OFD:
  ``OFD.xml`` at the root (GB/T 33190). DOCX/XLSX: the main part content type
  in ``[Content_Types].xml`` (read bounded, by substring, no XML parser) and
  parts under ``word/`` resp. ``xl/``. Macro-enabled documents
  (``macroEnabled`` content types, ``vbaProject.bin``) are refused.
* DOC/XLS: both are OLE2 compound files. The compound file's directory is
  read (FAT chain followed sector by sector with ``seek``; nothing else is
  loaded) and the streams directly under the root decide: ``WordDocument`` is
  a Word document, ``Workbook`` (BIFF8) or ``Book`` (BIFF5) an Excel workbook.
  A storage holding an embedded object lies below the root, so an XLS with an
  embedded Word document is still an XLS. Other compound files (PowerPoint,
  MSI installers, encrypted OOXML) are not accepted.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass

from .kinds import FileKind
from .limits import ZipLimits, zip_limits

SNIFF_BYTES = 8 * 1024
POLYGLOT_SCAN_BYTES = 4 * 1024
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
# Members with these endings are archives: nothing in a document needs one.
# (Embedded Office documents, word/embeddings/*.xlsx, are not refused: the
# platform never opens them, and charts in a DOCX are stored that way.)
NESTED_ARCHIVE_ENDINGS = (".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".cab")
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
OLE_MAX_DIRECTORY_SECTORS = 4096
_NOSTREAM = 0xFFFFFFFF
_ENDOFCHAIN = 0xFFFFFFFE
_MAX_REGULAR_SECTOR = 0xFFFFFFFA


@dataclass(frozen=True)
class Sniffed:
    kind: str | None  # a FileKind value, or None: not a kind the platform accepts
    description: str  # what the content is, in Chinese
    problem: str = ""  # refused whatever kinds are allowed (Chinese sentence)
    problem_code: str = ""


def sniff(fileobj, limits: ZipLimits | None = None) -> Sniffed:
    """What ``fileobj`` (binary, seekable) contains. Leaves the position at 0."""
    try:
        fileobj.seek(0)
        head = fileobj.read(SNIFF_BYTES)
        sniffed = _sniff(fileobj, head, limits or zip_limits())
        if sniffed.kind is not None and not sniffed.problem and _has_markup(head):
            return Sniffed(
                None,
                f"含有网页代码的{sniffed.description}",
                "文件开头含有网页代码（HTML 或脚本），可能是伪装成"
                f"{sniffed.description}的网页，出于安全考虑不予接收。",
                "polyglot",
            )
        return sniffed
    finally:
        fileobj.seek(0)


_POLYGLOT_MARKERS = (
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<!doctype",
    b"<object",
    b"<embed",
)


def _has_markup(head: bytes) -> bool:
    """Whether the first bytes hold a marker that makes a sniffing browser render HTML."""
    scanned = head[:POLYGLOT_SCAN_BYTES].lower()
    return any(marker in scanned for marker in _POLYGLOT_MARKERS)


def _sniff(fileobj, head: bytes, limits: ZipLimits) -> Sniffed:
    if head.startswith(b"%PDF-"):
        return Sniffed(FileKind.PDF, FileKind.PDF.label)
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed(FileKind.JPEG, FileKind.JPEG.label)
    if head.startswith(PNG_MAGIC) and head[12:16] == b"IHDR":
        return Sniffed(FileKind.PNG, FileKind.PNG.label)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(fileobj, limits)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(fileobj)
    return Sniffed(None, _describe_other(head))


# -- other content, named for the refusal message ---------------------------

_OTHER_MAGIC = (
    (b"MZ", "Windows 可执行程序"),
    (b"\x7fELF", "可执行程序"),
    (b"\xcf\xfa\xed\xfe", "可执行程序"),
    (b"\xca\xfe\xba\xbe", "可执行程序"),
    (b"#!", "脚本程序"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"GIF8", "GIF 图片"),
    (b"{\\rtf", "RTF 文档"),
    (b"%!PS", "PostScript 文件"),
)
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<a ")


def _describe_other(head: bytes) -> str:
    if not head:
        return "空文件"
    for magic, description in _OTHER_MAGIC:
        if head.startswith(magic):
            return description
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith(_MARKUP):
        return "HTML 网页"
    if text.startswith((b"<?xml", b"<svg")):
        return "XML 或 SVG 文件"
    return "无法识别的格式"


# -- ZIP containers -----------------------------------------------------------


def _bomb(reason: str) -> Sniffed:
    return Sniffed(None, "ZIP 压缩包", f"{reason}，疑似压缩炸弹，已拒绝。", "zip_bomb")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _directory_problem(fileobj, limits: ZipLimits) -> Sniffed | None:
    """The end record's member count and directory size, checked before zipfile reads them."""
    try:
        end = zipfile._EndRecData(fileobj)  # the record zipfile itself reads first
    except (OSError, struct.error, ValueError):
        end = None
    if not end:
        return Sniffed(None, "损坏的 ZIP 压缩包")
    members, directory_size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if members > limits.max_members:
        return _bomb(f"压缩包内文件数量异常（{members} 个，上限 {limits.max_members} 个）")
    if directory_size > limits.max_directory_bytes:
        return _bomb(f"压缩包目录异常（{_mb(directory_size)}）")
    return None


def _zip_problem(members: list[zipfile.ZipInfo], limits: ZipLimits) -> Sniffed | None:
    """Why this central directory is refused, or None."""
    if len(members) > limits.max_members:
        return _bomb(f"压缩包内文件数量异常（{len(members)} 个，上限 {limits.max_members} 个）")
    total = sum(member.file_size for member in members)
    if total > limits.max_total_bytes:
        return _bomb(
            f"解压后的总大小异常（{_mb(total)}，超过 {_mb(limits.max_total_bytes)} 的上限）"
        )
    for member in members:
        if member.file_size <= limits.ratio_from_bytes:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.max_ratio:
            return _bomb(
                f"压缩比异常（解压后是压缩时的 {ratio:.0f} 倍，上限 {limits.max_ratio} 倍）"
            )
    if any(member.flag_bits & 0x1 for member in members):
        return Sniffed(
            None,
            "加密的压缩包",
            "文件设置了密码（加密），无法检查其内容。请取消密码后重新上传。",
            "encrypted",
        )
    if any(member.compress_type not in ZIP_METHODS for member in members):
        return Sniffed(
            None,
            "使用了不常见压缩方式的压缩包",
            "文件使用了不支持的压缩方式，无法检查其内容。请用 Office 或 WPS 重新保存后上传。",
            "zip_unsupported",
        )
    names = [member.filename for member in members]
    if len(set(names)) != len(names):
        # Two members of one name: readers disagree about which one counts.
        return Sniffed(None, "损坏的 ZIP 压缩包")
    if any(name.lower().endswith(NESTED_ARCHIVE_ENDINGS) for name in names):
        return Sniffed(
            None,
            "含有压缩包的压缩包",
            "文件内嵌有其他压缩包，出于安全考虑不予接收。",
            "nested_archive",
        )
    return None


def _sniff_zip(fileobj, limits: ZipLimits) -> Sniffed:
    try:
        refused = _directory_problem(fileobj, limits)
        if refused is not None:
            return refused
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            refused = _zip_problem(members, limits)
            if refused is not None:
                return refused
            names = {member.filename for member in members}
            if "OFD.xml" in names:
                return Sniffed(FileKind.OFD, FileKind.OFD.label)
            content_types = None
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > CONTENT_TYPES_MAX_BYTES:
                    return Sniffed(None, "损坏的 Office 文档")
                with archive.open(info) as part:
                    content_types = part.read(CONTENT_TYPES_MAX_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return Sniffed(None, "损坏的 ZIP 压缩包")
    except (RuntimeError, NotImplementedError):
        # Encrypted members, or a compression method zipfile does not know.
        return Sniffed(None, "加密或无法读取的压缩包")
    if content_types is None:
        return Sniffed(None, "ZIP 压缩包")
    return _classify_ooxml(names, content_types)


def _classify_ooxml(names: set[str], content_types: bytes) -> Sniffed:
    word = any(name.startswith("word/") for name in names)
    excel = any(name.startswith("xl/") for name in names)
    macros = b"macroenabled" in content_types.lower() or any(
        name.lower().endswith("vbaproject.bin") for name in names
    )
    if macros:
        return Sniffed(
            None,
            "含宏的 Office 文档",
            "文件含有宏（VBA 代码），出于安全考虑不予接收。请另存为不含宏的 DOCX 或 XLSX 后重新上传。",
            "macros",
        )
    if word and not excel and b"wordprocessingml.document.main+xml" in content_types:
        return Sniffed(FileKind.DOCX, FileKind.DOCX.label)
    if excel and not word and b"spreadsheetml.sheet.main+xml" in content_types:
        return Sniffed(FileKind.XLSX, FileKind.XLSX.label)
    if any(name.startswith("ppt/") for name in names):
        return Sniffed(None, "PowerPoint 演示文稿")
    if word:
        return Sniffed(None, "Word 模板或其他 Word 格式")
    if excel:
        return Sniffed(None, "Excel 模板或其他 Excel 格式")
    return Sniffed(None, "其他 Office Open XML 文件")


# -- OLE2 compound files (DOC, XLS) --------------------------------------------


class _CorruptCompoundFile(Exception):
    pass


class _CompoundFile:
    """Just enough of [MS-CFB] to list the streams under the root storage."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        header = self._read_at(0, 512)
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise _CorruptCompoundFile("sector size")
        self.sector_size = 1 << shift
        fileobj.seek(0, 2)
        # Sector n starts at (n + 1) * sector_size; some writers leave the last one short.
        self.sector_count = max(0, -(-(fileobj.tell() - self.sector_size) // self.sector_size))
        fat_count, self.first_directory = struct.unpack_from("<II", header, 0x2C)
        first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
        if fat_count > self.sector_count:
            raise _CorruptCompoundFile("FAT size")
        self.fat_sectors = list(struct.unpack_from("<109I", header, 0x4C))[: min(fat_count, 109)]
        self._read_difat(first_difat, difat_count, fat_count)
        self._fat_cache: dict[int, tuple[int, ...]] = {}

    def _read_at(self, offset: int, size: int) -> bytes:
        self.fileobj.seek(offset)
        data = self.fileobj.read(size)
        if len(data) != size:
            raise _CorruptCompoundFile("truncated")
        return data

    def _sector(self, sector_id: int) -> bytes:
        if sector_id > _MAX_REGULAR_SECTOR or sector_id >= self.sector_count:
            raise _CorruptCompoundFile("sector out of range")
        self.fileobj.seek((sector_id + 1) * self.sector_size)
        return self.fileobj.read(self.sector_size).ljust(self.sector_size, b"\0")

    def _read_difat(self, sector_id: int, count: int, fat_count: int) -> None:
        per_sector = self.sector_size // 4 - 1
        seen = set()
        for _ in range(count):
            if len(self.fat_sectors) >= fat_count or sector_id in seen:
                break
            seen.add(sector_id)
            entries = struct.unpack(f"<{per_sector + 1}I", self._sector(sector_id))
            self.fat_sectors.extend(entries[:per_sector])
            sector_id = entries[-1]
        del self.fat_sectors[fat_count:]

    def _next(self, sector_id: int) -> int:
        per_sector = self.sector_size // 4
        index = sector_id // per_sector
        if index >= len(self.fat_sectors):
            raise _CorruptCompoundFile("FAT too short")
        fat_sector = self.fat_sectors[index]
        if fat_sector not in self._fat_cache:
            self._fat_cache[fat_sector] = struct.unpack(f"<{per_sector}I", self._sector(fat_sector))
        return self._fat_cache[fat_sector][sector_id % per_sector]

    def _directory_entries(self) -> list[tuple[str, int, int, int, int]]:
        """(name, type, left, right, child) of every directory entry."""
        entries = []
        sector_id, seen = self.first_directory, set()
        while sector_id != _ENDOFCHAIN:
            if sector_id in seen or len(seen) >= OLE_MAX_DIRECTORY_SECTORS:
                raise _CorruptCompoundFile("directory chain")
            seen.add(sector_id)
            data = self._sector(sector_id)
            for offset in range(0, self.sector_size, 128):
                raw = data[offset : offset + 128]
                name_length = min(struct.unpack_from("<H", raw, 64)[0], 64)
                name = raw[: max(name_length - 2, 0)].decode("utf-16-le", "replace")
                entry_type = raw[66]
                left, right, child = struct.unpack_from("<III", raw, 68)
                entries.append((name, entry_type, left, right, child))
            sector_id = self._next(sector_id)
        return entries

    def root_names(self) -> set[str]:
        """Names (case-folded) of the streams and storages directly under the root."""
        entries = self._directory_entries()
        if not entries or entries[0][1] != 5:
            raise _CorruptCompoundFile("no root entry")
        names, seen, stack = set(), set(), [entries[0][4]]
        while stack:
            index = stack.pop()
            if index == _NOSTREAM or index >= len(entries) or index in seen:
                continue
            seen.add(index)
            name, entry_type, left, right, _child = entries[index]
            if entry_type in (1, 2):
                names.add(name.casefold())
            stack.extend((left, right))
        return names


def _sniff_ole(fileobj) -> Sniffed:
    try:
        names = _CompoundFile(fileobj).root_names()
    except (_CorruptCompoundFile, struct.error, OSError):
        return Sniffed(None, "损坏的 Office 复合文档")
    word = "worddocument" in names
    excel = "workbook" in names or "book" in names
    if word and not excel:
        return Sniffed(FileKind.DOC, FileKind.DOC.label)
    if excel and not word:
        return Sniffed(FileKind.XLS, FileKind.XLS.label)
    if "encryptedpackage" in names:
        return Sniffed(
            None,
            "加密的 Office 文档",
            "文件设置了打开密码，无法检查其内容。请取消密码后重新上传。",
            "encrypted",
        )
    if "powerpoint document" in names:
        return Sniffed(None, "PowerPoint 演示文稿（PPT）")
    return Sniffed(None, "其他 OLE 复合文档（如安装包）")
