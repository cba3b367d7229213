"""Number patterns an administrator can configure, e.g. ``{机构代码}/{年份}-{流水号:05d}``.

Placeholders are Chinese words in braces, with an optional format such as
``:05d`` (zero-padded to five digits). Which placeholders exist is decided by
the caller (an index number knows 机构代码, 年份, 流水号; a tracking number may
know 部门简称). ``validate_pattern`` refuses unknown placeholders, broken
braces and patterns without the serial, with a Chinese message.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError

SERIAL = "流水号"


class PatternError(ValidationError):
    pass


def _fields(pattern: str) -> list[tuple[str, str]]:
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise PatternError(f"编号格式有误（括号不成对）：{pattern}") from exc
    return [(name, spec or "") for _, name, spec, _ in parsed if name is not None]


def validate_pattern(pattern: str, allowed: set[str] | frozenset[str]) -> None:
    fields = _fields(pattern)
    names = [name for name, _ in fields]
    unknown = [name for name in names if name not in allowed]
    if unknown or "" in names:
        shown = "、".join(f"{{{n}}}" for n in unknown) or "{}"
        choices = "、".join(f"{{{n}}}" for n in sorted(allowed))
        raise PatternError(f"编号格式含有不认识的占位符 {shown}；可用的占位符：{choices}。")
    if SERIAL not in names:
        raise PatternError("编号格式必须包含 {流水号}，否则编号会重复。")
    for name, spec in fields:
        if spec and name == SERIAL and not spec.rstrip("d").lstrip("0").isdigit():
            raise PatternError("{流水号} 的格式应写成 {流水号:05d}（补零到 5 位）这样的形式。")


def render_pattern(pattern: str, values: dict[str, object]) -> str:
    validate_pattern(pattern, set(values))
    return pattern.format(**values)
