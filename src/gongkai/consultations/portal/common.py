"""What every public page of 意见征集 shares: the section, the site's scope, rendering."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import render

from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import site_government

from ..models import Consultation, Round

SECTION = MODULES_BY_SLUG["consultations"]


def page(request, template: str, context: dict | None = None, status: int = 200):
    return render(
        request,
        f"consultations/portal/{template}",
        {"section": SECTION, **(context or {})},
        status=status,
    )


def too_many(request, message: str, retry_after: int):
    response = page(request, "too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(max(int(retry_after), 1))
    return response


def public_consultations() -> QuerySet[Consultation]:
    """Published consultations of the site's government and those under it, with the current
    round's period and feedback time annotated (``cur_opens``, ``cur_closes``, ``cur_feedback``)."""
    latest = Round.objects.filter(consultation=OuterRef("pk")).order_by("-number")
    consultations = (
        Consultation.objects.published()
        .select_related("department__government")
        .annotate(
            cur_opens=Subquery(latest.values("opens_at")[:1]),
            cur_closes=Subquery(latest.values("closes_at")[:1]),
            cur_feedback=Subquery(latest.values("feedback_published_at")[:1]),
        )
    )
    government = site_government()
    if government is not None:
        consultations = consultations.filter(
            department__government__path__startswith=government.path
        )
    return consultations


def consultation_or_404(pk: int) -> Consultation:
    consultation = public_consultations().prefetch_related("rounds").filter(pk=pk).first()
    if consultation is None:
        raise Http404("没有这项意见征集，或者它尚未发布。")
    return consultation
