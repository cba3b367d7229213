"""The query parameters of ``GET /api/v1/documents``, checked by hand.

Every parameter is read from ``request.GET`` here, so that an unknown name, a
repeated single-valued parameter or a bad value gets one clear Chinese
sentence naming the parameter (HTTP 400) — never a 422 in English from the
schema layer, never a 500 from the database (huge numbers, NUL characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ninja import Field, Schema

from gongkai.api.openapi import repeated
from gongkai.api.params import BadParameter

from ..models import ItemType, Validity

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_VALUES = 20  # alternatives of one filter (department=1&department=2 …)
MAX_Q_CHARS = 200
MAX_CURSOR_CHARS = 4000
MIN_YEAR, MAX_YEAR = 1949, 2100
MAX_ID = 2**31 - 1
ORDERS = {"newest": "发布日期从新到旧", "oldest": "发布日期从旧到新"}
USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

# name -> (description, multi-valued)
PARAMETERS: dict[str, tuple[str, bool]] = {
    "department": ("发布机构：部门编号或统一社会信用代码，可重复以任选其一", True),
    "subject": ("主题分类编号（见 /api/v1/documents/subjects），可重复", True),
    "genre": ("体裁编号（见 /api/v1/documents/genres），可重复", True),
    "type": ("信息类型：" + "、".join(f"{v}（{label}）" for v, label in ItemType.choices), True),
    "year": (f"发布年份（{MIN_YEAR}–{MAX_YEAR}），可重复", True),
    "validity": (
        "有效性（仅规范性文件和规章）："
        + "、".join(f"{v}（{label}）" for v, label in Validity.choices),
        True,
    ),
    "key_area": ("重点领域标识（见 /api/v1/documents/key-areas），可重复", True),
    "q": (f"全文检索词（最多 {MAX_Q_CHARS} 个字符）", False),
    "order": ("排序：newest（发布日期从新到旧，默认）或 oldest（从旧到新；不能与 q 同用）", False),
    "limit": (f"每页条数，1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}", False),
    "cursor": ("翻页游标：取上一页响应中 next 链接里的值，不要自行构造", False),
}


def _doc(name: str) -> str:
    return PARAMETERS[name][0]


class DocumentListParameters(Schema):
    """The query of ``GET /api/v1/documents`` as the schema document declares it
    (``gongkai.api.openapi``); requests are checked by ``parse`` below."""

    department: repeated(str, pattern=r"^([0-9]{1,10}|[0-9A-HJ-NPQRTUWXY]{18})$") = Field(
        None, description=_doc("department"), max_length=MAX_VALUES
    )
    subject: repeated(int, ge=1, le=MAX_ID) = Field(
        None, description=_doc("subject"), max_length=MAX_VALUES
    )
    genre: repeated(int, ge=1, le=MAX_ID) = Field(
        None, description=_doc("genre"), max_length=MAX_VALUES
    )
    type: repeated(str, json_schema_extra={"enum": list(ItemType.values)}) = Field(
        None, description=_doc("type"), max_length=MAX_VALUES
    )
    year: repeated(int, ge=MIN_YEAR, le=MAX_YEAR) = Field(
        None, description=_doc("year"), max_length=MAX_VALUES
    )
    validity: repeated(str, json_schema_extra={"enum": list(Validity.values)}) = Field(
        None, description=_doc("validity"), max_length=MAX_VALUES
    )
    key_area: repeated(str, pattern=SLUG.pattern) = Field(
        None, description=_doc("key_area"), max_length=MAX_VALUES
    )
    q: str | None = Field(None, description=_doc("q"), max_length=MAX_Q_CHARS)
    order: str = Field(
        "newest", description=_doc("order"), json_schema_extra={"enum": list(ORDERS)}
    )
    limit: int = Field(DEFAULT_LIMIT, description=_doc("limit"), ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, description=_doc("cursor"), max_length=MAX_CURSOR_CHARS)


@dataclass
class ListQuery:
    department: list[str] = field(default_factory=list)  # ids or USCCs
    subject: list[int] = field(default_factory=list)
    genre: list[int] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    validity: list[str] = field(default_factory=list)
    key_area: list[str] = field(default_factory=list)
    q: str = ""
    order: str = "newest"
    limit: int = DEFAULT_LIMIT
    cursor: str = ""

    def filter_key(self) -> list:
        """What a cursor is bound to: everything but ``limit`` and ``cursor``."""
        return [
            sorted(self.department),
            sorted(self.subject),
            sorted(self.genre),
            sorted(self.type),
            sorted(self.year),
            sorted(self.validity),
            sorted(self.key_area),
            self.q,
            self.order,
        ]


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def _clean(name: str, value: str) -> str:
    if "\x00" in value or any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
        raise BadParameter(name, f"参数 {name} 含有不可见的控制字符，请检查后重试。")
    return value.strip()


def _integer(name: str, value: str, *, low: int, high: int, what: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        raise BadParameter(name, f"参数 {name} 的值“{_shown(value)}”无效：应为{what}。")
    number = int(value)
    if not low <= number <= high:
        raise BadParameter(
            name, f"参数 {name} 的值 {_shown(value)} 超出范围：应为 {low} 到 {high} 之间的{what}。"
        )
    return number


def _choice(name: str, value: str, choices) -> str:
    allowed = dict(choices)
    if value not in allowed:
        listed = "、".join(f"{v}（{label}）" for v, label in allowed.items())
        raise BadParameter(name, f"参数 {name} 的值“{_shown(value)}”无效：可选值为 {listed}。")
    return value


def parse(querydict) -> ListQuery:
    """A ``ListQuery`` from ``request.GET``, or ``BadParameter``."""
    unknown = [name for name in querydict if name not in PARAMETERS]
    if unknown:
        known = "、".join(PARAMETERS)
        raise BadParameter(
            unknown[0], f"未知的查询参数“{_shown(unknown[0])}”。可用的参数：{known}。"
        )
    query = ListQuery()
    for name, (_, multi) in PARAMETERS.items():
        raw = [_clean(name, v) for v in querydict.getlist(name)]
        raw = [v for v in raw if v]
        if not raw:
            continue
        if not multi and len(raw) > 1:
            raise BadParameter(name, f"参数 {name} 只能出现一次。")
        if len(raw) > MAX_VALUES:
            raise BadParameter(name, f"参数 {name} 最多可同时给出 {MAX_VALUES} 个值。")
        if name == "department":
            for value in raw:
                if USCC.match(value):
                    query.department.append(value)
                else:
                    query.department.append(
                        str(
                            _integer(
                                name, value, low=1, high=MAX_ID, what="部门编号或统一社会信用代码"
                            )
                        )
                    )
        elif name in ("subject", "genre"):
            label = "主题分类编号" if name == "subject" else "体裁编号"
            setattr(query, name, [_integer(name, v, low=1, high=MAX_ID, what=label) for v in raw])
        elif name == "type":
            query.type = [_choice(name, v, ItemType.choices) for v in raw]
        elif name == "year":
            query.year = [
                _integer(name, v, low=MIN_YEAR, high=MAX_YEAR, what="四位年份") for v in raw
            ]
        elif name == "validity":
            query.validity = [_choice(name, v, Validity.choices) for v in raw]
        elif name == "key_area":
            for value in raw:
                if not SLUG.match(value):
                    raise BadParameter(
                        name,
                        f"参数 key_area 的值“{_shown(value)}”无效：应为重点领域标识，如 budget。",
                    )
            query.key_area = raw
        elif name == "q":
            if len(raw[0]) > MAX_Q_CHARS:
                raise BadParameter(name, f"检索词过长：参数 q 最多 {MAX_Q_CHARS} 个字符。")
            query.q = raw[0]
        elif name == "order":
            query.order = _choice(name, raw[0], ORDERS.items())
        elif name == "limit":
            query.limit = _integer(name, raw[0], low=1, high=MAX_LIMIT, what="每页条数")
        elif name == "cursor":
            if len(raw[0]) > MAX_CURSOR_CHARS:
                raise BadParameter(
                    name, "参数 cursor 无效：游标过长，请使用上一页响应中的 next 链接。"
                )
            query.cursor = raw[0]
    for name in ("department", "key_area", "type", "validity"):
        setattr(query, name, list(dict.fromkeys(getattr(query, name))))
    if query.q and query.order == "oldest":
        raise BadParameter(
            "order", "全文检索（参数 q）的结果只能按发布日期从新到旧排列：请去掉 order=oldest。"
        )
    return query
