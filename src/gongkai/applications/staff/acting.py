"""What the kernel's action runner (``gongkai.workbench.acting``) needs to know of an
application page: how to re-read an application and whether a form is still shown."""

from __future__ import annotations

from ..models import Application
from .common import DESK


def fresh(application: Application) -> Application:
    return Application.objects.select_related("department__government", "assignee").get(
        pk=application.pk
    )


# The ``allowed`` flag (see ``detail.allowed``) under which each form is shown.
SHOWN_UNDER = {"return": "return_reply", "approve": "review"}


def still_shown(user, application: Application, key: str) -> bool:
    """Will the re-rendered page show this form (so its error can be read there)?"""
    from ..services.common import today
    from .detail import allowed

    flag = SHOWN_UNDER.get(key, key.split(":")[0])
    if flag == "challenge_result":
        flag = "challenge"
    return bool(allowed(user, application, today()).get(flag))


# Every action view: ``run(request, application, permission=…, label=…, form=…, key=…,
# call=…, anchor=…)``.
run = DESK.run
