"""The public board: published messages with their replies (masked versions only)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import Message


@require_GET
def message(request, pk: int):
    published = Message.objects.published().select_related(
        "channel", "message_type", "replied_by_department", "place"
    )
    shown = get_object_or_404(published, pk=pk)
    return render(request, "interaction/portal/message.html", {"shown": shown})
