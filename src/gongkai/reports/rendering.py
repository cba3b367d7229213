"""The report's content as HTML in the national layout: headings, paragraphs, bordered tables.

Works on the nested dicts of ``annual.annual_report`` (or a frozen snapshot), so a
published report renders from its snapshot alone. Every text is escaped.
"""

from __future__ import annotations

from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe


def _cell(value) -> str:
    if isinstance(value, dict) and "value" in value:
        value = value["value"]
    if value is None:
        return "未填报"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _leaf_columns(rows: dict) -> list[str]:
    """The column headings of a table whose leaves are {column: value} dicts."""
    for value in rows.values():
        if isinstance(value, dict):
            first = next(iter(value.values()), None)
            if isinstance(first, dict) and "value" not in first:
                return _leaf_columns(value)
            return list(value)
    return []


def _rows(rows: dict, columns: list[str], depth: int = 0) -> list[str]:
    out = []
    for heading, value in rows.items():
        indent = "　" * depth
        first = next(iter(value.values()), None) if isinstance(value, dict) else None
        if isinstance(first, dict) and "value" not in first:
            out.append(
                f'<tr><th scope="row" colspan="{len(columns) + 1}">{indent}{escape(heading)}</th></tr>'
            )
            out.extend(_rows(value, columns, depth + 1))
        else:
            cells = "".join(f"<td>{escape(_cell(value.get(c)))}</td>" for c in columns)
            out.append(f'<tr><th scope="row">{indent}{escape(heading)}</th>{cells}</tr>')
    return out


def table_html(caption: str, rows: dict) -> str:
    columns = _leaf_columns(rows)
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    return (
        f"<table><caption>{escape(caption)}</caption>"
        f'<thead><tr><th scope="col"></th>{head}</tr></thead>'
        f"<tbody>{''.join(_rows(rows, columns))}</tbody></table>"
    )


def report_html(data: dict) -> SafeString:
    parts = []
    for heading, section in data["sections"].items():
        parts.append(f"<h2>{escape(heading)}</h2>")
        if set(section) <= {"text", "draft"}:
            text = section.get("text") or ""
            parts.append(linebreaks(text) if text else "<p>无</p>")
        elif heading.startswith("二"):
            for block, rows in section.items():
                parts.append(table_html(block, rows))
        else:
            parts.append(table_html(heading, section))
            if heading.startswith("三") and data.get("carry_over_note"):
                note = escape(data["carry_over_note"])
                parts.append(f"<p><strong>结转差异说明：</strong>{note}</p>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
