"""The workbench's view of the in-app notices (``gongkai.notices``).

The notices app is written alongside the workbench; until its services exist,
``available()`` is False and the workbench shows no inbox.
"""

from __future__ import annotations

try:
    from gongkai.notices import services as _services
except ImportError:  # pragma: no cover - only before the notices app lands
    _services = None


def available() -> bool:
    return _services is not None and hasattr(_services, "inbox_for")


def inbox(user):
    return _services.inbox_for(user)


def unread_count(user) -> int:
    return _services.inbox_for(user, unread_only=True).count() if available() else 0


def unread_ids(user):
    return _services.inbox_for(user, unread_only=True).values_list("pk", flat=True)


def mark_read(user, ids) -> int:
    return _services.mark_read(user, [int(i) for i in ids])
