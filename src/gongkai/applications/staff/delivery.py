"""送达 (delivery) of the reply: recorded by the handler; the application closes."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required

from .. import services
from ..models import DeliveryMethod
from . import forms as f
from .acting import run
from .common import visible_application
from .detail import form_prefix


@staff_required
@require_POST
def delivery(request, pk: int):
    application = visible_application(request, pk)
    form = f.DeliveryForm(request.POST, prefix=form_prefix("delivery"))

    def call(data):
        services.record_delivery(
            application,
            method=data["method"],
            reference=data["reference"],
            actor=request.user,
            on=data["on"],
        )
        return f"已登记{DeliveryMethod(data['method']).label}送达，申请办结。"

    return run(
        request,
        application,
        permission="applications.handle",
        label="登记送达",
        form=form,
        key="delivery",
        call=call,
    )
