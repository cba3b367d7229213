"""Numbering: index numbers (索引号) and tracking numbers from one sequence service.

    from gongkai.numbering import next_value, render_pattern
    serial = next_value("disclosure.index:620500", period="2026")
    render_pattern("{机构代码}/{年份}-{流水号:05d}", {"机构代码": uscc, "年份": 2026, "流水号": serial})

``next_value`` never hands out the same value twice for a scope and period, also
under concurrent callers on PostgreSQL and SQLite. A value taken inside a
transaction that then rolls back is taken back with it: it was never given to
anything.
"""

from .patterns import PatternError, render_pattern, validate_pattern


def next_value(scope: str, period: str = "") -> int:
    from .sequences import next_value as _next_value

    return _next_value(scope, period)


def peek_value(scope: str, period: str = "") -> int:
    from .sequences import peek_value as _peek_value

    return _peek_value(scope, period)


__all__ = ["PatternError", "next_value", "peek_value", "render_pattern", "validate_pattern"]
