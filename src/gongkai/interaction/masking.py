"""Automatic masking of personal data (个人信息遮盖) in citizens' messages and their replies.

A message on the public message board (留言板) and its reply are published only after
approval; before that the text passes through :func:`mask_personal_data`. The reviewer sees
the original and the masked text side by side (:func:`find_personal_data` gives the spans to
highlight) and may mask more by hand (:func:`phrase_spans`, :func:`apply_masks`).

Pure functions: no database, no Django settings. Everything is matched on a normalised copy of
the text in which full-width digits, letters and punctuation (１３８、ＡＢＣ、＠、（）、－)
are folded to ASCII one character for one character, so positions stay the same; the
characters that are kept in the output are always the original ones.

What is recognised, and how it is masked (``kind``: Chinese label — rule — example):

``mobile``  手机号码 — mainland mobiles 1[3-9]x, 11 digits, optional +86/0086/86 prefix, spaces
    or dashes in 3-4-4 groups. The first 3 and last 4 digits stay (the usual practice in
    China), the middle 4 become ``*``: ``138****5678``, ``+86 138-****-5678``. An 11-digit run
    followed by a unit of amount (元, 万, 亿, 平方米, 吨, %…) is a number, not a phone.
``landline``  固定电话 — area code 010/02x/0xxx with a dash, space or brackets (or none) and
    a 7–8-digit number, optional extension (-801, 转801, 分机801); the area code stays, every
    other digit becomes ``*``: ``0938-*******``. A bare 7–8-digit number is masked only right
    after 电话/座机/固话/联系方式/号码/Tel. All phone numbers written in a citizen's text are
    masked, also public ones of departments (the reviewer knows them; the cost of masking a
    public number is small). Short service numbers such as 12345 are never touched.
``id_number``  居民身份证号码 — 18 characters (17 digits + digit/X) or the old 15 digits, in
    either case with a real birth date (1900 to today) at the right place. The check digit is
    *not* required: a mistyped ID still identifies its owner. Only the first and the last
    character stay: ``6****************X``.
``uscc``  统一社会信用代码 of 个体工商户 (individual businesses, codes beginning with 92),
    valid by :func:`gongkai.core.validators.is_valid_uscc`; first 2 and last 2 stay:
    ``92**************3X``. Codes of companies and other legal persons are public data
    (企业信息公示) and stay visible.
``email``  电子邮箱 — the first character of the local part stays, the rest becomes ``***``,
    the domain stays: ``z***@163.com``.
``bank_card``  银行卡号 — 16–19 digits (contiguous or in groups of 4 with one kind of
    separator), first digit 3–6 or 9 (card issuer ranges; years and dates begin with 1 or 2),
    passing the Luhn check; the last 4 digits stay: ``**** **** **** 0123``. Right after
    银行卡/卡号/账号/账户/存折… any run of 12–30 digits is masked the same way whatever its
    check digit (``银行卡***************0123``); without such a word a number failing the
    check stays (``订单号6222021234567890123``).
``plate``  车牌号码 — province abbreviation + city letter + 5 serial characters (6 for new-energy
    vehicles) of which at least 3 are digits; the province and city letter stay, the serial
    becomes ``*``: ``甘E·*****``.
``im_account``  即时通讯账号 — a QQ number or WeChat ID written right after QQ/微信;
    QQ numbers are masked completely, WeChat IDs keep their first character.
``address``  详细地址 — masked from the community/village/residential-compound level down
    (社区, 小区, 村, 新村, 花园, 家园, 公寓, 家属院, 宿舍, 大院, 苑, 山庄 and the building/unit/
    room/group numbers after them, or a house number after a road). Province, city, district,
    county, town, sub-district and road stay. The masked part becomes ``××××`` whatever its
    length: ``秦州区民主西路街道藏家庄社区12号楼3单元502室`` → ``秦州区民主西路街道××××``. A
    community name is masked only when it reads as an address: after an upper level
    (区/县/镇/乡/街道/路…), after 住在/家住/地址/位于…, or followed by building numbers;
    generic phrases (老旧小区, 农村低保, 驻村干部, 乡村振兴…) stay. Words that only end like
    an upper level (小区, 片区, 园区, 超市, 道路, 城乡, 全市…) are none, and words of ordinary
    prose (附近, 周边, 今年, 列入…) end a name: ``建议在龙园小区附近建设社区文化广场`` stays as
    it is. A 社区 is the upper level of a 小区 in it (``藏家庄社区龙园小区``), never of
    another 社区 or 村. When the name is followed by an organisation (居委会, 村委会, 村民,
    物业…) only the name is masked: ``××××社区居委会``.
    A building/unit number on its own is masked when it cannot be anything else
    (3号楼, 2单元, 5栋2单元, 5楼502室); dates (3月3号) and document numbers (〔2016〕12号) are
    not.
``name``  姓名 — the names passed in ``names`` (the writer's name, names the reviewer
    knows), and a name right after an explicit cue (我叫, 本人, 姓名, 联系人, 来信人, 留言人):
    a common surname and one or two more characters followed by the end of the sentence or a
    word such as 电话/反映/家住 (``本人李建国反映`` → ``本人某某反映``; ``本人于去年``,
    ``本人向贵局反映`` stay); a name found after a cue is then masked wherever it appears, as
    a passed one is. The full name and the given name alone (when it has 2+ characters)
    become ``某某``; the surname with 先生/女士/同志/老师/师傅 becomes ``某先生``/``某女士``…; compound
    surnames (欧阳, 司马…) are recognised. The given name alone can also be an ordinary word
    (建国 in 建国以来): masking it anyway is the safer mistake.
``manual``  人工遮盖 — spans the reviewer adds; masked as ``××××``.

Not masked: dates, years, money amounts, counts, document numbers (天政办发〔2016〕12号),
tracking numbers (YSQ2026-0012-00035), the 12345 hotline.

Where spans overlap, the one that covers the others wins (by the priority order of
``KINDS``); overlaps that no single span covers are merged and masked as ``××××``.

The masked forms contain no digits in the masked places and ``×``/``*``/``某`` break every
pattern, so masking masked text changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.core.validators import is_valid_uscc

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "Span",
    "apply_masks",
    "find_personal_data",
    "mask_personal_data",
    "mask_phrases",
    "phrase_spans",
]

#: Kinds in priority order (the first wins where two spans cover the same text).
KINDS = (
    "id_number",
    "uscc",
    "bank_card",
    "mobile",
    "landline",
    "email",
    "plate",
    "im_account",
    "address",
    "name",
    "manual",
)
KIND_LABELS = {
    "id_number": "身份证号码",
    "uscc": "统一社会信用代码",
    "bank_card": "银行卡号",
    "mobile": "手机号码",
    "landline": "固定电话",
    "email": "电子邮箱",
    "plate": "车牌号码",
    "im_account": "即时通讯账号",
    "address": "详细地址",
    "name": "姓名",
    "manual": "人工遮盖",
}
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}

BLOCK = "××××"  # the mask of addresses, manual spans and merged overlaps


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of personal data: ``text[start:end] == original``, shown as ``replacement``."""

    start: int
    end: int
    kind: str
    original: str
    replacement: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


# --- normalisation ---------------------------------------------------------------------------


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Patterns match ASCII digits only (``\\d`` would also match Devanagari, Thai … digits)."""
    return re.compile(pattern, flags | re.ASCII)


_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII block
_FOLD.update({0x3000: 0x20, 0x2212: 0x2D, 0x30FB: 0xB7, 0x2022: 0xB7})
_FOLD.update(dict.fromkeys(range(8208, 8214), 45))  # hyphens and dashes


_FOLDABLE_RE = _compile("[\uff01-\uff5e\u3000\u2010-\u2015\u2212\u30fb\u2022]")


def _normalise(text: str) -> str:
    """Fold full-width characters to ASCII, one for one (``len`` is unchanged)."""
    if not _FOLDABLE_RE.search(text):  # the common case; translate() is slow on CJK text
        return text
    return _FOLDABLE_RE.sub(lambda m: chr(_FOLD[ord(m.group())]), text)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _star_digits(original: str, norm: str, keep_head: int, keep_tail: int) -> str:
    """Replace the digits/letters of ``original`` by ``*`` except the first ``keep_head``
    and the last ``keep_tail`` of them; separators stay."""
    positions = [i for i, ch in enumerate(norm) if ch.isalnum()]
    hidden = set(positions[keep_head : len(positions) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(original))


# --- numbers ---------------------------------------------------------------------------------

_NOT_A_PHONE_AFTER = r"(?!\s*(?:元|万|亿|美元|块|平方|㎡|吨|公斤|千克|%))"

# Speed: a pattern whose first element is a literal or a character class is searched for
# quickly; a lookbehind in front makes the engine try every position. So the "not preceded by
# a digit" checks come right after the first character, as two-character lookbehinds.
# (For mobiles the digit check is made in code, as a +86 prefix may come before.)
_MOBILE_RE = _compile(r"1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)" + _NOT_A_PHONE_AFTER)
_MOBILE_PREFIX_RE = _compile(r"(?:(?:\+|00)?86[ -]?|\(\+?86\)[ -]?)$")
_AREA = r"(?:10|2\d|[3-9]\d{2})"
_LANDLINE_RE = _compile(
    rf"(?:\((?<![\d+]\()0{_AREA}\)[ -]?|0(?<![\d+]0){_AREA}[ -]?)[2-9]\d{{6,7}}"
    r"(?:(?:-|转|分机|ext\.?|x)\d{1,6})?(?!\d)" + _NOT_A_PHONE_AFTER,
    re.IGNORECASE,
)
_BARE_LANDLINE_RE = _compile(r"[2-9](?<![\d+].)\d{6,7}(?!\d)")
_PHONE_WORDS = ("电话", "座机", "固话", "联系方式", "号码", "tel", "phone")
_PHONE_WORD_BEFORE_RE = _compile(
    r"(?:电话|座机|固话|联系方式|号码|tel|phone)(?:号码|号)?[ :：]*(?:是|为)?[ :：]*$",
    re.IGNORECASE,
)
_DATE = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID18_RE = _compile(rf"[1-9](?<![\dA-Za-z].)\d{{5}} ?({_DATE}) ?\d{{3}}[\dXx](?![\dA-Za-z])")
_ID15_RE = _compile(
    r"[1-9](?<![\dA-Za-z].)\d{5}(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\d{3}(?![\dA-Za-z])"
)
_USCC_RE = _compile(r"92(?<![0-9A-Za-z]92)\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])", re.I)
_EMAIL_RE = _compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_CARD_RE = _compile(
    r"[3-69](?<![\dA-Za-z].)(?:\d{15,18}|\d{3}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)(?![\dA-Za-z])"
)
# A card or account number in its context: any 12–30 digits (contiguous, or in groups with
# one kind of separator) right after 银行卡/卡号/账号 …, whatever its check digit.
_CARD_WORDS = ("卡", "账号", "帐号", "账户", "帐户", "存折", "一折通")
_CARD_WORD_BEFORE_RE = _compile(
    r"(?:银行卡|储蓄卡|借记卡|信用卡|工资卡|社保卡|卡号|账号|帐号|账户|帐户|存折|一折通|一卡通)"
    r"(?:号码|号)?[ :：]*(?:是|为)?[ :：]*$"
)
_ACCOUNT_RE = _compile(
    r"[0-9](?<![\dA-Za-z].)(?:\d{11,29}|\d{3}([ -])\d{4}(?:\1\d{4})+(?:\1\d{1,4})?)(?![\dA-Za-z])"
)
_PLATE_RE = _compile(
    r"([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])"
    r"([A-HJ-NP-Z])([·. -]?)([A-HJ-NP-Z0-9]{5,6})[挂学警]?(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_QQ_RE = _compile(r"[1-9](?<!\d.)\d{4,11}(?!\d)")
_QQ_WORD_BEFORE_RE = _compile(r"(?:QQ|扣扣)(?:号码|号)?[ :：]*(?:是|为)?[ :：]*$", re.IGNORECASE)
_WECHAT_RE = _compile(
    r"(?:微信|weixin|wechat|vx|wx)(?:号)?[ :：]*(?:是|为)?[ :：]*"
    r"([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])",
    re.IGNORECASE,
)


def _plausible_birth(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# Speed: the slower patterns (e-mails, building numbers) run only inside windows: maximal
# runs of the characters a match can consist of, around a seed (an @, a building unit). A
# match cannot cross a window's edge, so this finds exactly what a scan of the whole text
# would; the window's end is extended a little for the lookaheads.
_EMAIL_SEED_RE = _compile("@")
_EMAIL_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._%+-@")
_LOOKAHEAD = 12
_MERGE_GAP = 48  # windows closer than this are scanned as one (fewer calls)


def _windows(norm: str, seed: re.Pattern[str], chars: frozenset[str]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    size = len(norm)
    for m in seed.finditer(norm):
        start, end = m.span()
        if windows and start < windows[-1][1]:
            continue
        while start > 0 and norm[start - 1] in chars:
            start -= 1
        while end < size and norm[end] in chars:
            end += 1
        if windows and start - windows[-1][1] < _MERGE_GAP:
            start = windows.pop()[0]
        windows.append((start, end))
    return windows


def _matches(
    norm: str, pattern: re.Pattern[str], windows: list[tuple[int, int]]
) -> Iterable[re.Match[str]]:
    size = len(norm)
    for start, end in windows:
        for m in pattern.finditer(norm, start, min(size, end + _LOOKAHEAD)):
            if m.start() >= end:
                break
            yield m


def _number_spans(text: str, norm: str) -> list[Span]:
    spans: list[Span] = []

    def add(start: int, end: int, kind: str, replacement: str) -> None:
        spans.append(Span(start, end, kind, text[start:end], replacement))

    for m in _ID18_RE.finditer(norm):
        if _plausible_birth(m.group(1)):
            add(*m.span(), "id_number", _star_digits(text[m.start() : m.end()], m.group(), 1, 1))
    for m in _ID15_RE.finditer(norm):
        if _plausible_birth("19" + m.group(1)):
            add(*m.span(), "id_number", _star_digits(text[m.start() : m.end()], m.group(), 1, 1))
    for m in _USCC_RE.finditer(norm):
        if is_valid_uscc(m.group().upper()):
            add(*m.span(), "uscc", _star_digits(text[m.start() : m.end()], m.group(), 2, 2))
    for m in _CARD_RE.finditer(norm):
        if _luhn(re.sub(r"\D", "", m.group())):
            add(*m.span(), "bank_card", _star_digits(text[m.start() : m.end()], m.group(), 0, 4))
    if any(word in norm for word in _CARD_WORDS):
        for m in _ACCOUNT_RE.finditer(norm):
            if _CARD_WORD_BEFORE_RE.search(norm, max(0, m.start() - 16), m.start()):
                masked = _star_digits(text[m.start() : m.end()], m.group(), 0, 4)
                add(*m.span(), "bank_card", masked)
    for m in _MOBILE_RE.finditer(norm):
        start = m.start()
        prefix = _MOBILE_PREFIX_RE.search(norm, max(0, start - 6), start)
        if prefix:
            start = prefix.start()
        if start and norm[start - 1] in "0123456789+":
            continue
        original = text[start : m.end()]
        # The prefix (+86) stays; of the 11 digits the first 3 and last 4 stay.
        hidden = {i for i, ch in enumerate(norm[start : m.end()]) if ch.isdigit()}
        hidden = set(sorted(hidden)[-8:-4])
        masked = "".join("*" if i in hidden else ch for i, ch in enumerate(original))
        add(start, m.end(), "mobile", masked)
    for m in _LANDLINE_RE.finditer(norm):
        folded = m.group()
        area = re.match(r"\(?0\d+\)?[ -]?", folded)
        keep = area.end() if area else 0
        original = text[m.start() : m.end()]
        masked = original[:keep] + "".join(
            "*" if ch.isdigit() else original[keep + i] for i, ch in enumerate(folded[keep:])
        )
        add(*m.span(), "landline", masked)
    lowered = norm.lower()
    if any(word in lowered for word in _PHONE_WORDS):
        for m in _BARE_LANDLINE_RE.finditer(norm):
            if _PHONE_WORD_BEFORE_RE.search(norm, max(0, m.start() - 16), m.start()):
                add(*m.span(), "landline", "*" * (m.end() - m.start()))
    for m in _matches(norm, _EMAIL_RE, _windows(norm, _EMAIL_SEED_RE, _EMAIL_CHARS)):
        at = m.group().index("@")
        original = text[m.start() : m.end()]
        add(*m.span(), "email", original[0] + "***" + original[at:])
    for m in _PLATE_RE.finditer(norm):
        serial = m.group(4)
        if sum(ch.isdigit() for ch in serial) < 3:
            continue
        original = text[m.start() : m.end()]
        head = m.end(3) - m.start()
        masked = original[:head] + "*" * len(serial) + original[head + len(serial) :]
        add(*m.span(), "plate", masked)
    if "qq" in lowered or "扣扣" in lowered:
        for m in _QQ_RE.finditer(norm):
            if _QQ_WORD_BEFORE_RE.search(norm, max(0, m.start() - 12), m.start()):
                add(*m.span(), "im_account", "*" * (m.end() - m.start()))
    if any(word in lowered for word in ("微信", "weixin", "wechat", "vx", "wx")):
        for m in _WECHAT_RE.finditer(norm):
            start, end = m.span(1)
            add(start, end, "im_account", text[start] + "*" * (end - start - 1))
    return spans


# --- addresses -------------------------------------------------------------------------------

_COMMUNITY_SUFFIXES = (
    "社区", "小区", "新村", "村", "花园", "家园", "公寓", "家属院", "家属区", "家属楼", "宿舍楼",
    "宿舍", "大院", "苑", "山庄",
)  # fmt: skip
_COMMUNITY_RE = _compile("|".join(_COMMUNITY_SUFFIXES))
# Upper levels, which stay visible and end the community name when scanning back.
_UPPER = ("街道", "大道", "胡同", "省", "市", "区", "县", "旗", "乡", "镇", "路", "街", "巷")
# Words ending like an upper level that are none: they end the name without making it an
# address (建议在龙园小区附近建设社区: 小区 is no district, so 附近建设 is no community name).
_NOT_UPPER = (
    # 区
    "片区", "园区", "景区", "校区", "学区", "辖区", "山区", "灾区", "牧区", "老区", "库区",
    "矿区", "厂区", "病区", "展区", "营区", "棚户区", "商业区", "住宅区", "居住区", "生活区",
    "办公区", "服务区", "风景区", "保护区", "示范区", "试验区", "安置区", "规划区", "征收区",
    # the whole of one's own or every place (全市共有社区服务中心120个)
    "全市", "本市", "我市", "该市", "各市", "全区", "本区", "我区", "该区", "各区", "全县",
    "本县", "我县", "该县", "各县", "全镇", "本镇", "各镇", "全乡", "本乡", "各乡",
    # 市, 路, 街, 镇, 乡, 省, 巷
    "超市", "城市", "夜市", "股市", "楼市", "菜市", "早市", "集市", "上市", "门市",
    "道路", "马路", "公路", "线路", "铁路", "思路", "出路", "走路", "网路", "电路", "水路",
    "管路", "套路", "迷路", "带路", "让路", "修路",
    "上街", "逛街", "沿街", "临街",
    "城镇", "乡镇", "村镇", "集镇", "城乡", "家乡", "老乡", "下乡", "回乡", "返乡", "故乡",
    "节省", "反省", "全省", "本省", "外省", "小巷", "街巷",
)  # fmt: skip
# Characters that cannot be inside a community name: they end it when scanning back.
_STOP = set("在于住是的到和与及从向对把给为了我你他她们这那该本个位各些处就都也还又被让请说")
# Words that cannot be inside a community name either (places and times of ordinary prose).
_STOP_WORDS = (
    "附近", "周边", "周围", "旁边", "对面", "门口", "门前", "里面", "外面", "今年", "去年",
    "明年", "目前", "现在", "没有", "已经", "正在", "建议", "希望", "要求", "列入", "纳入",
)  # fmt: skip
# Community-level words that are also an upper level of some communities: a 社区 holds
# 小区, 花园, 家属院 … (藏家庄社区龙园小区), never another 社区 or 村; nothing of community
# level lies inside a 小区.
_COMMUNITY_UPPER = {"社区": frozenset({"社区", "村"}), "小区": frozenset(_COMMUNITY_SUFFIXES)}
_RESIDENCE_RE = _compile(
    r"(?:住在|家住|居住在|居住于|居住|住址|地址|位于|家在|住于|搬到|搬进|搬入|租住在|租住|住)[ :：]*$"
)
_GENERIC_NAMES = {
    "老旧",
    "住宅",
    "居民",
    "商品房",
    "安置",
    "保障房",
    "周边",
    "附近",
    "城市",
    "城镇",
    "和谐",
    "智慧",
    "文明",
    "示范",
    "试点",
    "重点",
    "贫困",
    "所在",
    "周围",
    "整个",
    "多个",
    "几个",
    "部分",
    "其他",
    "其它",
    "相关",
    "有关",
    "同一",
    "邻近",
    "新建",
    "大型",
    "高档",
    "偏远",
    "全体",
    "全部",
    "所有",
    "每个",
    "封闭",
    "开放",
}
# Two-character words ending in 村 that are not village names.
_GENERIC_ENDINGS = tuple(word for word in _GENERIC_NAMES if len(word) > 1)
# The last two characters of words ending in 村 that are not village names (农村, 驻村,
# 城中村, 行政村, 自然村, 贫困村, 示范村, 重点村 …).
_NOT_VILLAGE = {
    "农村",
    "乡村",
    "驻村",
    "进村",
    "入村",
    "全村",
    "本村",
    "该村",
    "各村",
    "邻村",
    "外村",
    "同村",
    "回村",
    "返村",
    "到村",
    "出村",
    "中村",
    "政村",
    "然村",
    "困村",
    "范村",
    "点村",
}
# After the community name: an organisation or its people, so only the name is masked.
_ORG_AFTER = set("委民居党服卫工医干网书主物业两支务级")
_NOT_COMMUNITY_AFTER = {"村": set("庄落子镇")}

_NUM = r"(?:\d{1,5}|[零〇一二三四五六七八九十百两]{1,4})"
_UNIT = r"(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|户|组|队|排)"
_TOKEN = rf"(?:[A-Za-z]?{_NUM}[A-Za-z]?|[A-Za-z]) ?{_UNIT}"
_DASH = r"\d{1,4}(?:-\d{1,4}){1,3}(?:号|室)?"
_PIECE = rf"(?:{_TOKEN}|{_DASH})"
_DETAIL_RE = _compile(rf" ?{_PIECE}(?:[ -]?{_PIECE})*")
_RUN_RE = _compile(rf"(?<![0-9A-Za-z.*×]){_PIECE}(?:[ -]?{_PIECE})*")
_RUN_CHARS = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -"
    "零〇一二三四五六七八九十百两号楼院栋幢座单元层室户组队排"
)
_RUN_SEED_RE = _compile(r"[号栋幢座单层室户组队排]|[0-9](?=-)")
_TOKEN_RE = _compile(rf"(?:[A-Za-z]?({_NUM})[A-Za-z]?|[A-Za-z]) ?({_UNIT})")
_ANCHOR_BEFORE = ("路", "大道", "街", "巷", "胡同", "弄", "镇", "乡")
_MAX_NAME = 6


def _is_upper_level(norm: str, end: int, suffix: str) -> bool:
    """Whether the word ending at ``end`` (it ends like 区, 市, 路 …) is a level above a
    community called ``…suffix``."""
    if norm.endswith(_NOT_UPPER, 0, end):
        return False
    for word, not_below in _COMMUNITY_UPPER.items():
        if norm.endswith(word, 0, end):
            return suffix not in not_below
    return True


def _community_span(text: str, norm: str, m: re.Match[str]) -> Span | None:
    suffix = m.group()
    pos = i = m.start()
    upper = False
    while i > 0 and pos - i < _MAX_NAME:
        if norm.endswith(_UPPER, 0, i):
            upper = _is_upper_level(norm, i, suffix)
            break
        if norm.endswith(_STOP_WORDS, 0, i):
            break
        ch = norm[i - 1]
        if not _is_cjk(ch) or ch in _STOP:
            break
        i -= 1
    name = norm[i:pos]
    if len(name) < (1 if upper else 2) or name in _GENERIC_NAMES:
        return None
    if len(name) > 2 and name.endswith(_GENERIC_ENDINGS):
        return None
    if suffix == "村" and name[-1] + "村" in _NOT_VILLAGE:
        return None
    after = norm[m.end() : m.end() + 1]
    if after and after in _NOT_COMMUNITY_AFTER.get(suffix, ()):
        return None
    residence = bool(_RESIDENCE_RE.search(norm, max(0, i - 8), i))
    detail = _DETAIL_RE.match(norm, m.end())
    if after and after in _ORG_AFTER and not detail:
        if not (upper or residence):
            return None
        return Span(i, pos, "address", text[i:pos], BLOCK)
    if not (upper or residence or detail):
        return None
    end = detail.end() if detail else m.end()
    return Span(i, end, "address", text[i:end], BLOCK)


def _address_spans(text: str, norm: str) -> list[Span]:
    spans = [
        span
        for m in _COMMUNITY_RE.finditer(norm)
        if (span := _community_span(text, norm, m)) is not None
    ]
    for m in _matches(norm, _RUN_RE, _windows(norm, _RUN_SEED_RE, _RUN_CHARS)):
        start, end = m.span()
        before = norm[max(0, start - 3) : start].rstrip(" ")
        anchored = before.endswith(_ANCHOR_BEFORE)
        if not anchored:
            if before.endswith("第"):
                continue
            tokens = _TOKEN_RE.findall(m.group())
            units = {unit for _, unit in tokens}
            arabic = any(num[:1].isdigit() for num, _ in tokens) or bool(
                re.search(r"[A-Za-z]", m.group())
            )
            strong_single = bool(units & {"号楼", "单元", "号院"}) and arabic
            strong_multi = len(tokens) >= 2 and bool(
                units & {"号楼", "单元", "号院", "栋", "幢", "室"}
            )
            if not (strong_single or strong_multi):
                continue
        spans.append(Span(start, end, "address", text[start:end], BLOCK))
    return spans


# --- names -----------------------------------------------------------------------------------

_COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "公孙",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "万俟",
    "闻人",
    "澹台",
    "申屠",
    "太史",
    "钟离",
    "司空",
    "濮阳",
    "淳于",
    "单于",
    "公冶",
    "赫连",
    "拓跋",
    "第五",
    "东郭",
    "左丘",
    "乐正",
    "仲孙",
    "叔孙",
    "东门",
    "壤驷",
    "公良",
    "漆雕",
    "谷梁",
    "梁丘",
    "段干",
}
_HONORIFICS = ("先生", "女士", "同志", "老师", "师傅")


def _name_forms(names: Iterable[str]) -> dict[str, str]:
    """Map each written form of the given names (normalised, lower-case) to its mask."""
    forms: dict[str, str] = {}
    for raw in names:
        if not isinstance(raw, str):
            continue
        name = _normalise(raw).strip()
        if len(name) < 2 or name.startswith("某"):
            continue
        forms[name.lower()] = "某某"
        if not all(_is_cjk(ch) for ch in name):
            for part in re.split(r"[·.\s]+", name):  # 阿依古丽·买买提, John Smith
                if len(part) >= 2:
                    forms.setdefault(part.lower(), "某某")
            continue
        surname = name[:2] if len(name) >= 3 and name[:2] in _COMPOUND_SURNAMES else name[:1]
        given = name[len(surname) :]
        for honorific in _HONORIFICS:
            forms.setdefault(surname + honorific, "某" + honorific)
        if len(given) >= 2:
            forms.setdefault(given, "某某")
    return forms


# Names written after an explicit cue (我叫王小明, 本人李建国反映, 联系人：刘晓燕): a common
# surname and one or two more characters, followed by the end of the sentence or a word that
# ends a name (电话, 反映, 家住 …). Characters a given name does not hold (pronouns, times,
# numerals, places) rule a reading out: 本人于去年, 本人向贵局反映 stay as they are.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔汤常康施牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿焦俞左柳甘"
    "祝包宁尚舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾尤穆卓"
    "缪简项芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬栾隋刁沙荣巫寇桑郎甄丛仲虞"
    "敖巩佘池麻迟邝"
)
_NOT_IN_GIVEN = frozenset(
    "您你我他她它们的了是在于和与及年月日时分今去昨前后近本上下这那此该有无不没已也都就还又被把"
    "给向对从到为因所等个位些里中内外一二三四五六七八九十百千万人户局厅委办处区县市省镇乡村路街"
    "号楼元岁说讲问请让叫姓名电话手机联系反映投诉举报某"
)
_NAME_CUE_RE = _compile(
    r"(?:我的名字叫|我的名字是|本人名叫|本人叫|我名叫|我叫|本人|姓名|联系人|来信人|留言人)[ :：]*"
)
_AFTER_NAME = (
    "电话", "手机", "联系", "反映", "投诉", "举报", "咨询", "家住", "住在", "现住", "居住",
    "今年", "现年", "年龄", "身份证", "性别", "男", "女", "系", "是", "的", "于", "在", "因",
)  # fmt: skip


def _cue_names(norm: str) -> list[tuple[int, int]]:
    """Where a name follows an explicit cue: (start, end) of each."""
    found = []
    for m in _NAME_CUE_RE.finditer(norm):
        start = m.end()
        surnames = [2] if norm[start : start + 2] in _COMPOUND_SURNAMES else []
        if norm[start : start + 1] in _SURNAMES:
            surnames.append(1)
        for surname in surnames:
            for given in (2, 1):
                end = start + surname + given
                name = norm[start + surname : end]
                if len(name) < given or not all(
                    _is_cjk(ch) and ch not in _NOT_IN_GIVEN for ch in name
                ):
                    continue
                after = norm[end : end + 1]
                if not after or not _is_cjk(after) or norm.startswith(_AFTER_NAME, end):
                    found.append((start, end))
                    break
            else:
                continue
            break
    return found


def _name_spans(text: str, norm: str, names: Iterable[str]) -> list[Span]:
    names = [*names, *(norm[start:end] for start, end in _cue_names(norm))]
    forms = _name_forms(names)
    if not forms:
        return []
    pattern = _compile(
        "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)), re.IGNORECASE
    )
    return [
        Span(m.start(), m.end(), "name", text[m.start() : m.end()], forms[m.group().lower()])
        for m in pattern.finditer(norm)
    ]


# --- resolution and output -------------------------------------------------------------------


def _resolve(text: str, spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order: of overlapping spans the one covering the whole
    cluster wins (by kind priority); with none, the cluster is merged and masked as a block."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, _PRIORITY.get(s.kind, 99)))
    result: list[Span] = []
    cluster: list[Span] = []
    cluster_end = -1

    def flush() -> None:
        if not cluster:
            return
        start, end = cluster[0].start, cluster_end
        covering = [s for s in cluster if s.start == start and s.end == end]
        if covering:
            result.append(min(covering, key=lambda s: _PRIORITY.get(s.kind, 99)))
        else:
            kind = min(cluster, key=lambda s: _PRIORITY.get(s.kind, 99)).kind
            result.append(Span(start, end, kind, text[start:end], BLOCK))

    for span in ordered:
        if span.start >= cluster_end:
            flush()
            cluster = [span]
            cluster_end = span.end
        else:
            cluster.append(span)
            cluster_end = max(cluster_end, span.end)
    flush()
    return result


def _check_text(text: object) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TypeError("要遮盖的内容应为文本（str）。")
    return text


def find_personal_data(text: str, *, names: Iterable[str] = ()) -> list[Span]:
    """The personal data in ``text``, as non-overlapping spans in text order."""
    text = _check_text(text)
    if not text:
        return []
    norm = _normalise(text)
    spans = _number_spans(text, norm) + _address_spans(text, norm)
    if isinstance(names, str):
        names = [names]
    spans += _name_spans(text, norm, names or ())
    return _resolve(text, spans)


def apply_masks(text: str, spans: Iterable[Span | tuple[int, int]]) -> str:
    """``text`` with each span replaced by its mask; ``(start, end)`` pairs (a reviewer's
    selection) are masked as ``××××``. Overlapping spans are merged."""
    text = _check_text(text)
    checked: list[Span] = []
    for span in spans:
        if isinstance(span, Span):
            start, end = span.start, span.end
        else:
            try:
                start, end = (int(x) for x in span)
            except (TypeError, ValueError):
                raise ValueError("遮盖范围应为（起始位置, 结束位置）两个整数。") from None
            span = Span(start, end, "manual", text[start:end] if start >= 0 else "", BLOCK)
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"遮盖范围 {start}–{end} 不在文本范围内（文本共 {len(text)} 个字符）。"
            )
        if text[start:end] != span.original:
            raise ValueError(f"遮盖范围 {start}–{end} 与原文不符，请重新选择要遮盖的内容。")
        checked.append(span)
    pieces: list[str] = []
    position = 0
    for span in _resolve(text, checked):
        pieces.append(text[position : span.start])
        pieces.append(span.replacement)
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def phrase_spans(text: str, phrases: Iterable[str]) -> list[Span]:
    """Spans of every occurrence of each phrase (full-width/half-width and case ignored), for
    what the reviewer wants masked beyond the automatic step."""
    text = _check_text(text)
    norm = _normalise(text).lower()
    spans = []
    for phrase in phrases:
        if not isinstance(phrase, str):
            raise ValueError("要遮盖的词语应为文本。")
        needle = _normalise(phrase).strip().lower()
        if not needle:
            continue
        start = norm.find(needle)
        while start >= 0:
            end = start + len(needle)
            spans.append(Span(start, end, "manual", text[start:end], BLOCK))
            start = norm.find(needle, end)
    return spans


def mask_phrases(text: str, phrases: Iterable[str]) -> str:
    """``text`` with every occurrence of each phrase masked as ``××××``."""
    return apply_masks(text, phrase_spans(text, phrases))


def mask_personal_data(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` with the personal data masked (see the module docstring for the rules)."""
    text = _check_text(text)
    return apply_masks(text, find_personal_data(text, names=names))
