"""What the workbench layout shows around every page: the person, their
departments and the current one, the administrators' banner and the unread
notice count. Computed once per request (``chrome_for``), used by the
``{% workbench_chrome %}`` tag so pages of other apps (accounts) get it too."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.utils import timezone

from gongkai import access

from . import notices
from .departments import current_department, departments_of
from .sections import registered_sections


@dataclass
class Chrome:
    departments: list = field(default_factory=list)
    current_department: object | None = None
    is_admin: bool = False
    calendar_warning: str | None = None
    may_import_calendar: bool = False
    notices_enabled: bool = False
    unread_notices: int = 0
    menu: list = field(default_factory=list)  # the registered sections (``sections``)


BANNER_SECONDS = 60
_banner: dict = {}


def _calendar_warning() -> str | None:
    """The calendar banner, worked out at most once a minute per process.

    It changes only with the date or the calendar; computing it on every page
    would make every page's queries depend on when this process last looked at
    the calendar. A calendar change made in this process is seen at once
    (the key holds the engine), one made elsewhere within a minute.
    """
    from gongkai.workdays import calendar_warning
    from gongkai.workdays.engine import current_engine

    today = timezone.localdate()
    key = (today, id(current_engine()))
    cached = _banner.get("value")
    if cached is not None and cached[0] == key and time.monotonic() - cached[1] < BANNER_SECONDS:
        return cached[2]
    warning = calendar_warning(today) or None
    _banner["value"] = ((today, id(current_engine())), time.monotonic(), warning)
    return warning


def chrome_for(request) -> Chrome:
    cached = getattr(request, "_workbench_chrome", None)
    if cached is not None:
        return cached
    user = request.user
    chrome = Chrome()
    if getattr(user, "is_authenticated", False):
        chrome.departments = departments_of(user)
        chrome.current_department = current_department(request)
        chrome.is_admin = access.can(user, "admin.access")
        chrome.notices_enabled = notices.available()
        chrome.unread_notices = notices.unread_count(user)
        chrome.menu = [
            s for s in registered_sections() if not s.menu_action or access.can(user, s.menu_action)
        ]
        # Administrators and the disclosure office (公开办): the arrangement of next year
        # decides every deadline they supervise; only administrators can import it.
        if access.can(user, "calendar.watch"):
            chrome.calendar_warning = _calendar_warning()
            chrome.may_import_calendar = access.can(user, "calendar.manage")
    request._workbench_chrome = chrome
    return chrome
