"""How a figure is written on the page and in the PDF: the number with its unit, a rate
with nothing to divide as “—”, a module that does not exist yet as its status."""

from __future__ import annotations

import copy
from urllib.parse import urljoin

NUMERALS = "一二三四五六七八九十"


def figure_text(figure: dict) -> str:
    value = figure["value"]
    if not figure["available"]:
        return figure["status"]
    if value is None:
        return "—（无可计算的数据）"
    if isinstance(value, float):
        return f"{value:g}{figure['unit']}"
    return f"{value}{figure['unit']}"


def present(data: dict, *, base_url: str = "") -> dict:
    """A copy of the card's data with ``text`` and ``href`` beside every figure (``href``
    absolute against ``base_url`` when given, for the PDF)."""
    shown = copy.deepcopy(data)
    figures = [*shown["headline"], *(f for s in shown["sections"] for f in s["figures"])]
    for f in figures:
        f["text"] = figure_text(f)
        f["href"] = urljoin(base_url, f["source_url"]) if base_url else f["source_url"]
    if base_url and shown.get("annual_report_url"):
        shown["annual_report_url"] = urljoin(base_url, shown["annual_report_url"])
    for number, section in zip(NUMERALS, shown["sections"], strict=False):
        section["number"] = number
        for item in section.get("listed", []):
            item["href"] = urljoin(base_url, item["url"]) if base_url else item["url"]
    return shown
