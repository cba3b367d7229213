"""Real files of every kind, built in memory for the tests.

PDF: written by hand with a Type0 font and a ToUnicode CMap, so the text is
real, extractable Chinese. DOCX/XLSX: python-docx and openpyxl. OFD: a ZIP
with ``OFD.xml`` and a document. DOC/XLS: OLE2 compound files built to
[MS-CFB] (header, FAT, a directory chained over several sectors). PNG and
JPEG: their bytes (a 1×1 PNG with valid CRCs; an 8×8 grey baseline JPEG).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

SLOGAN = "天水市淘汰尾气排放不达标黄标车"

_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def pdf(*lines: str, pad_to: int = 0, content: bytes | None = None, head: bytes = b"") -> bytes:
    """A one-page PDF showing ``lines`` (CID = Unicode code point, mapped back by ToUnicode).

    ``content``: the page's content stream instead (stored deflated); ``head``:
    bytes right after the header line (a polyglot's page).
    """
    lines = lines or (SLOGAN,)
    shown = "".join("<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*\n" for line in lines)
    if content is None:
        content = f"BT /F1 12 Tf 72 760 Td 16 TL\n{shown}ET".encode()
        stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    else:
        packed = zlib.compress(content, 9)
        stream = (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream"
        )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        stream,
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(_CMAP) + _CMAP + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + head)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    if pad_to > out.tell():
        # A comment after %%EOF: still a PDF, just bigger.
        out.write(b"%" + b"0" * (pad_to - out.tell() - 2) + b"\n")
    return out.getvalue()


def docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading("关于淘汰黄标车的通告", level=1)
    for text in paragraphs or (SLOGAN,):
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(rows: list[list[object]] | None = None, title: str = "黄标车淘汰") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows or [["县区", "淘汰数量"], ["秦州区", 1203], ["麦积区", 987]]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def ofd() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>a1b2</ofd:DocID>"
            f"<ofd:Title>{SLOGAN}</ofd:Title></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        archive.writestr(
            "Doc_0/Document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData>'
            "<ofd:MaxUnitID>1</ofd:MaxUnitID></ofd:CommonData></ofd:Document>",
        )
    return out.getvalue()


def zip_of(files: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def replace_in_zip(
    data: bytes, name: str, content: bytes | str, extra: dict | None = None
) -> bytes:
    """The same ZIP with one member's content replaced (and members added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {info.filename: source.read(info) for info in source.infolist()}
    files[name] = content
    files.update(extra or {})
    return zip_of(files)


DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def zip_bomb(megabytes: int = 30) -> bytes:
    """A DOCX-shaped ZIP whose document inflates ~1000× (zeros)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _text_mebibyte() -> bytes:
    """1 MiB of paragraphs that deflate about 70 times, as a real bomb's text did."""
    rng = random.Random(15)
    paragraphs, size = [], 0
    while size < 1024 * 1024:
        paragraph = f"<w:p><w:r><w:t>{SLOGAN}第{rng.randrange(10)}号</w:t></w:r></w:p>".encode()
        paragraphs.append(paragraph)
        size += len(paragraph)
    return b"".join(paragraphs)


def _empty_mebibyte() -> bytes:
    """1 MiB of paragraphs without any text (deflating about 50 times)."""
    rng = random.Random(15)
    paragraphs, size = [], 0
    while size < 1024 * 1024:
        paragraph = (
            f'<w:p><w:pPr><w:jc w:val="left"/></w:pPr>'
            f'<w:bookmarkStart w:id="{rng.randrange(1000)}" w:name="a"/></w:p>'
        ).encode()
        paragraphs.append(paragraph)
        size += len(paragraph)
    return b"".join(paragraphs)


def big_docx(path, megabytes: int, *, text: bool = True, declare: int | None = None):
    """A DOCX at ``path`` whose ``word/document.xml`` is ``megabytes`` MiB.

    Written 1 MiB at a time (never whole in memory): with ``text`` the
    paragraphs carry text and the file is about 1/70 of the XML (a 200 MiB
    document, 3 MB: the ratio stays under the limit); without, the document
    starts with one paragraph of ``SLOGAN`` and then has no text at all.
    ``declare``: the uncompressed size the central directory claims for the
    document instead of the true one (a ZIP that lies).
    """
    block = _text_mebibyte() if text else _empty_mebibyte()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w") as member:
            member.write(
                f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode()
            )
            member.write(f"<w:p><w:r><w:t>{SLOGAN}</w:t></w:r></w:p>".encode())
            for _ in range(megabytes):
                member.write(block)
            member.write(b"</w:body></w:document>")
    if declare is not None:
        with open(path, "r+b") as out:
            data = bytearray(out.read())
            at = data.rfind(b"PK\x01\x02")  # the last central directory entry: the document
            struct.pack_into("<I", data, at + 24, declare)
            out.seek(0)
            out.write(data)
    return path


def zip_declaring(uncompressed: int) -> bytes:
    """A small DOCX-shaped ZIP whose central directory claims ``uncompressed`` bytes."""
    data = bytearray(zip_of({"[Content_Types].xml": DOCX_CONTENT_TYPES, "word/document.xml": "x"}))
    at = data.rfind(b"PK\x01\x02")  # the last central directory entry: word/document.xml
    struct.pack_into("<I", data, at + 24, uncompressed)
    return bytes(data)


# -- OLE2 compound files ----------------------------------------------------------

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name, entry_type, left=_NOSTREAM, right=_NOSTREAM, child=_NOSTREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), entry_type, 1)
        + struct.pack("<III", left, right, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation, modification time
        + struct.pack("<IQ", _END, 0)  # start sector, size: empty stream
    )


def compound_file(root_streams: list[str], storages: dict[str, list[str]] | None = None) -> bytes:
    """An OLE2 compound file: streams under the root, and storages with their own streams.

    Siblings are chained through right-sibling links (a degenerate but valid
    tree); unused entries pad the directory to several sectors, so the reader
    has to follow the FAT chain.
    """
    entries: list[list] = [["Root Entry", 5, _NOSTREAM, _NOSTREAM, _NOSTREAM]]

    def chain(names_and_types) -> int:
        first = previous = None
        for name, entry_type, children in names_and_types:
            index = len(entries)
            entries.append([name, entry_type, _NOSTREAM, _NOSTREAM, _NOSTREAM])
            if children:
                entries[index][4] = chain([(child, 2, None) for child in children])
            if previous is None:
                first = index
            else:
                entries[previous][3] = index
            previous = index
        return _NOSTREAM if first is None else first

    items = [(name, 2, None) for name in root_streams]
    items += [(name, 1, children) for name, children in (storages or {}).items()]
    entries[0][4] = chain(items)
    while len(entries) < 12:  # three directory sectors
        entries.append(["", 0, _NOSTREAM, _NOSTREAM, _NOSTREAM])
    while len(entries) % 4:
        entries.append(["", 0, _NOSTREAM, _NOSTREAM, _NOSTREAM])
    directory = b"".join(_entry(*entry) for entry in entries)
    dir_sectors = len(directory) // 512

    fat = [_FATSECT] + [sector + 1 for sector in range(1, dir_sectors)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + directory


def doc() -> bytes:
    return compound_file(
        ["WordDocument", "1Table", "\x05SummaryInformation", "\x05DocumentSummaryInformation"]
    )


def xls() -> bytes:
    return compound_file(["Workbook", "\x05SummaryInformation"])


# -- images and others ------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png(text: bytes = b"") -> bytes:
    """A 1×1 red pixel; ``text``: a ``tEXt`` comment chunk."""
    comment = _png_chunk(b"tEXt", b"Comment\0" + text) if text else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + comment
        + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + _png_chunk(b"IEND", b"")
    )


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg(comment: bytes = b"") -> bytes:
    """An 8×8 mid-grey baseline JPEG: one block, DC difference 0, then end of block."""
    one_code = bytes([1] + [0] * 15) + b"\x00"  # a single code of length 1, for symbol 0
    return (
        b"\xff\xd8"
        + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + (_segment(0xFE, comment) if comment else b"")
        + _segment(0xDB, b"\x00" + b"\x01" * 64)
        + _segment(0xC0, struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00")
        + _segment(0xC4, b"\x00" + one_code)
        + _segment(0xC4, b"\x10" + one_code)
        + _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x3f"  # bits 0 (DC category 0), 0 (EOB), padded with ones
        + b"\xff\xd9"
    )


def exe() -> bytes:
    """The start of a Windows PE executable."""
    dos = bytearray(b"MZ" + b"\x90\x00" + b"\0" * 60)
    struct.pack_into("<I", dos, 0x3C, 0x80)
    stub = b"This program cannot be run in DOS mode.\r\r\n$".ljust(0x80 - len(dos), b"\0")
    return bytes(dos) + stub + b"PE\0\0" + b"\x4c\x01" + b"\0" * 200


def html() -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>通知</title></head>"
        "<body><script>alert(document.cookie)</script></body></html>"
    ).encode()


def large_compound_file(root_streams: list[str]) -> bytes:
    """A ~7 MB (6.8 MiB) compound file whose directory sector is described by the 110th FAT sector.

    The header lists only 109 FAT sectors; the 110th is found through a DIFAT
    sector, as in any DOC or XLS larger than about 7 MB.
    """
    per_fat = 128
    fat_count, difat_sector = 110, 110
    directory_sector = 109 * per_fat + 5  # covered by FAT sector 109: only via the DIFAT
    sector_count = directory_sector + 1
    fat = [_FREE] * (fat_count * per_fat)
    for sector in range(fat_count):
        fat[sector] = _FATSECT
    fat[difat_sector] = 0xFFFFFFFC  # DIFSECT
    fat[directory_sector] = _END
    entries = [["Root Entry", 5, _NOSTREAM, _NOSTREAM, 1]]
    for index, name in enumerate(root_streams, 1):
        right = index + 1 if index < len(root_streams) else _NOSTREAM
        entries.append([name, 2, _NOSTREAM, right, _NOSTREAM])
    while len(entries) < 4:
        entries.append(["", 0, _NOSTREAM, _NOSTREAM, _NOSTREAM])
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack(
            "<IIIIIIIII", 0, fat_count, directory_sector, 0, 4096, _END, 0, difat_sector, 1
        )
        + struct.pack("<109I", *range(109))
    )
    sectors = [
        struct.pack(f"<{per_fat}I", *fat[n * per_fat : (n + 1) * per_fat]) for n in range(110)
    ]
    sectors.append(struct.pack("<128I", 109, *([_FREE] * 126), _END))  # the DIFAT sector
    sectors.extend([b"\0" * 512] * (directory_sector - len(sectors)))
    sectors.append(b"".join(_entry(*entry) for entry in entries[:4]))
    assert len(sectors) == sector_count
    return header + b"".join(sectors)
