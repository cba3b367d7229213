"""Bulk import of an existing catalogue (目录) from XLSX or CSV.

A department moving to the platform brings the catalogue it published before.
The steps, shared by the command (``gongkai disclosure import``) and the
workbench page (``/workbench/disclosure/import/``):

1. ``reader.read_table`` — the file's rows by their Chinese headings
   (``columns.COLUMNS``), or a ``FileProblem`` for the file as a whole;
2. ``rows.check_rows`` — each row checked, problems reported by row number
   and column;
3. ``records.import_rows`` — nothing is imported if any row is invalid,
   unless the person chooses to import only the valid rows; each item goes
   through the import action ``records.import_published_item``.

``template.template_bytes()`` is the XLSX template to start from.
"""

from __future__ import annotations

from .reader import FileProblem, read_table
from .records import ImportOutcome, import_published_item, import_rows, may_import
from .rows import CheckedRow, check_rows


def check_file(uploaded, department) -> list[CheckedRow]:
    """Read and check an uploaded file (``FileProblem`` if it cannot be read)."""
    return check_rows(read_table(uploaded), department)


__all__ = [
    "CheckedRow",
    "FileProblem",
    "ImportOutcome",
    "check_file",
    "check_rows",
    "import_published_item",
    "import_rows",
    "may_import",
    "read_table",
]
