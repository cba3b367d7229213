"""Every PDF the platform makes is rendered here: formal notices, annual reports, the report card.

One font, shipped with the platform and named explicitly
    Noto Sans SC (SIL Open Font License 1.1) comes with the pinned dependency
    ``justmytype-intl-cjk``; ``GONGKAI_PDF_FONT_FILE`` may name another file.
    WeasyPrint gets it through ``@font-face`` rules, so a document looks the
    same on every machine, whatever fonts the system has (a fresh machine has
    no CJK font at all, and WeasyPrint then draws □ for every character).
    The shipped file is a variable font. WeasyPrint would instantiate it at
    every render (3 s a document), so its regular (400) and bold (700)
    instances are made once per machine, under ``VAR_DIR/fonts/<hash>/``
    (about half a minute, the first time a PDF is made), and used from then on
    (0.1 s a document).

Nothing is dropped
    Before rendering, every character of the document is looked up in the
    font's character map; a character the font cannot draw raises
    ``MissingGlyphs`` naming it, and while rendering, WeasyPrint's own
    ".notdef glyph rendered" warning raises the same. Nothing is stored then:
    a job that renders a stored document fails and is retried, with the
    reason in the failed job (the admin), instead of keeping for ever a
    document nobody can read.

Nothing is fetched
    Documents are self-contained (inline CSS and SVG); any other URL is refused.

Stylesheets name ``FONT_FAMILY`` ("Noto Sans SC"); headings are told apart by weight.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import logging
import os
import threading
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from django.conf import settings

FONT_FAMILY = "Noto Sans SC"
PACKAGED_FONT = ("justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf")

# Characters that draw nothing and need no glyph: spaces, line and paragraph
# separators, control and format characters (zero-width space, joiners, BOM).
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf"}

_lock = threading.Lock()


class PdfRenderError(Exception):
    """A document could not be rendered faithfully; nothing should be stored."""


class MissingFont(PdfRenderError):
    pass


class MissingGlyphs(PdfRenderError):
    def __init__(self, characters: list[str], what: str = "文书"):
        self.characters = characters
        listed = "、".join(f"“{c}”（U+{ord(c):04X}）" for c in characters[:20])
        more = f"等{len(characters)}个字符" if len(characters) > 20 else ""
        super().__init__(
            f"{what}含有字体 {FONT_FAMILY} 无法显示的字符：{listed}{more}。"
            "为免生成无法阅读的文件，本次未生成 PDF；请改用常用字写法，"
            "或由系统管理员配置包含这些字符的字体（GONGKAI_PDF_FONT_FILE）后重试。"
        )


def font_file() -> Path:
    """The font every PDF embeds: ``settings.PDF_FONT_FILE`` or the packaged Noto Sans SC."""
    configured = getattr(settings, "PDF_FONT_FILE", "")
    if configured:
        return Path(configured)
    package, name = PACKAGED_FONT
    try:
        return Path(str(resources.files(package).joinpath(name)))
    except ModuleNotFoundError:
        return Path(f"<{package} is not installed>") / name


WEIGHTS = (400, 700)


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4)
def _static_fonts(path: str, cache_root: str) -> tuple[tuple[int | None, str], ...]:
    """``((weight, file), …)``: the variable font's instances, made once; a static font as is."""
    from fontTools.ttLib import TTFont

    source = Path(path)
    with TTFont(path, lazy=True) as font:
        variable = "fvar" in font
    if not variable:
        return ((None, path),)
    folder = Path(cache_root) / _fingerprint(source)
    wanted = {weight: folder / f"{source.stem.split('[')[0]}-{weight}.ttf" for weight in WEIGHTS}
    if not all(file.is_file() for file in wanted.values()):
        folder.mkdir(parents=True, exist_ok=True)
        # One process makes them; the others (test workers, the worker beside the
        # web server) wait for it and then find them made.
        with open(folder / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for weight, file in wanted.items():
                if not file.is_file():
                    _instantiate(source, weight, file)
    return tuple((weight, str(file)) for weight, file in wanted.items())


def _instantiate(source: Path, weight: int, target: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    log = logging.getLogger("fontTools")
    level = log.level
    log.setLevel(logging.WARNING)  # the instancer reports every table at INFO
    try:
        with TTFont(str(source)) as font:
            static = instancer.instantiateVariableFont(font, {"wght": weight})
            partial = target.with_suffix(f".{os.getpid()}.part")
            static.save(str(partial))
        os.replace(partial, target)
    finally:
        log.setLevel(level)


def font_files() -> tuple[tuple[int | None, Path], ...]:
    """The files WeasyPrint is given, with their weight (None: every weight)."""
    from django.conf import settings

    root = Path(getattr(settings, "VAR_DIR", "var")) / "fonts"
    return tuple(
        (weight, Path(file)) for weight, file in _static_fonts(str(font_file()), str(root))
    )


@lru_cache(maxsize=4)
def _codepoints(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def codepoints() -> frozenset[int]:
    """The characters the font can draw; ``MissingFont`` when it cannot be read."""
    path = font_file()
    if not path.is_file():
        raise MissingFont(
            f"PDF 字体文件不存在：{path}。请重新安装依赖（make venv）或检查 GONGKAI_PDF_FONT_FILE。"
        )
    try:
        return _codepoints(str(path))
    except Exception as exc:
        raise MissingFont(f"PDF 字体文件无法读取：{path}（{exc}）。") from exc


def missing_characters(text: str) -> list[str]:
    """The distinct visible characters of ``text`` the font cannot draw, in order of appearance."""
    drawable = codepoints()
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) in drawable or char in missing:
            continue
        if unicodedata.category(char) in _INVISIBLE:
            continue
        missing[char] = None
    return list(missing)


class _Text(HTMLParser):
    """Every character that can reach the page: text, attribute values, style sheets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        # alt texts, titles and SVG text attributes may be drawn
        self.parts.extend(value for _, value in attrs if value)


def document_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def font_face_css() -> str:
    """The ``@font-face`` rules naming the shipped font, a rule per weight."""
    rules = []
    for weight, file in font_files():
        weight_rule = f" font-weight: {weight};" if weight else ""
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{file.as_uri()}");{weight_rule} }}'
        )
    return "\n".join(rules) + "\n"


@lru_cache(maxsize=1)
def _font_setup(path: str):
    """One WeasyPrint font configuration per process: the font is registered once."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    return config, CSS(string=font_face_css(), font_config=config)


# Let the configuration remove its temporary folder while the interpreter can still do it.
atexit.register(_font_setup.cache_clear)


class _NotdefTrap(logging.Handler):
    """Collects the characters of WeasyPrint's ".notdef glyph rendered" warnings."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.characters: dict[str, None] = {}

    def emit(self, record):
        if ".notdef" in str(record.msg):
            args = record.args if isinstance(record.args, tuple) else ()
            self.characters.setdefault(str(args[0]) if args else "?", None)


@lru_cache(maxsize=1)
def _no_fetching():
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDF 文书不引用外部资源：{url}")

    return NoFetching()


def render_pdf(html: str, *, what: str = "文书") -> bytes:
    """The PDF of a self-contained HTML document, in the shipped font.

    Raises ``MissingGlyphs`` (nothing rendered) when a character cannot be
    drawn, ``MissingFont`` when the font file is missing.
    """
    from weasyprint import HTML

    missing = missing_characters(document_text(html))
    if missing:
        raise MissingGlyphs(missing, what)
    config, font_css = _font_setup(str(font_file()))
    trap = _NotdefTrap()
    weasy_log = logging.getLogger("weasyprint")
    # WeasyPrint is not thread-safe, and the shared font configuration must not be
    # used by two renders at once (threaded servers, the test live server).
    with _lock:
        weasy_log.addHandler(trap)
        try:
            document = HTML(string=html, url_fetcher=_no_fetching(), base_url="about:blank")
            pdf = document.write_pdf(stylesheets=[font_css], font_config=config)
        finally:
            weasy_log.removeHandler(trap)
    if trap.characters:
        raise MissingGlyphs(list(trap.characters), what)
    return pdf


def check_font() -> list[str]:
    """Problems with the PDF font, for ``gongkai check``; empty when it is usable."""
    try:
        drawable = codepoints()
    except MissingFont as exc:
        return [str(exc)]
    sample = "中华人民共和国政府信息公开申请答复书年月日第页（）。，、：；“”0123456789ABC"
    lacking = [c for c in sample if ord(c) not in drawable]
    if lacking:
        return [f"PDF 字体 {font_file()} 缺少常用字符：{''.join(lacking)}。"]
    return []
