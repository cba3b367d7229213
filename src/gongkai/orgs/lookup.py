"""Finding an agency from what a person types on the command line."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Q

from .models import Department


def find_agency(text: str) -> Department:
    """The department whose id or 统一社会信用代码 is ``text``; ``CommandError`` if none."""
    text = text.strip()
    condition = Q(uscc=text.upper())
    if text.isdigit() and len(text) < 10:
        condition |= Q(pk=int(text))
    found = Department.objects.filter(condition).select_related("government").first()
    if found is None:
        raise CommandError(f"找不到机关“{text}”：请写机关编号或统一社会信用代码。")
    return found
