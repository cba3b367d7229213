"""The applicant's rating of a case (好差评): on the status page after the lookup,
and by the SMS link ``/banshi/case/rate/<signed token>/`` for exactly one case
without the password. Both post to ``services.ratings.rate``; a second post of the
same form finds the rating there and says so (one rating per case and stage).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.errors import DomainError, InvalidFields

from ..models import RatingChannel
from ..services import ratings
from .cases_views import _status_page, _verified_or_lookup, page
from .ratings_forms import RatingForm, RerateForm


def _save(form, case, channel) -> bool:
    """Rate from a valid form; False with the errors on the form."""
    try:
        ratings.rate(
            case,
            grade=form.cleaned_data["grade"],
            comment=form.cleaned_data["comment"],
            anonymous=form.cleaned_data.get("anonymous", False),
            channel=channel,
        )
    except ratings.AlreadyRated:
        return True  # the double submission: the first one counts
    except InvalidFields as invalid:
        for name, texts in invalid.errors.items():
            for text in texts:
                form.add_error(name if name in form.fields else None, text)
        return False
    except DomainError as refused:
        form.add_error(None, refused.message)
        return False
    return True


THANKS = "感谢您的评价！"


@never_cache
@require_POST
def rate(request):
    """The rating from the status page (the applicant verified by the lookup)."""
    case = _verified_or_lookup(request)
    if case is None:
        return redirect("services_cases_portal:lookup")
    form = RatingForm(request.POST)
    if form.is_valid() and _save(form, case, RatingChannel.ONLINE):
        messages.success(request, THANKS)
        return redirect("services_cases_portal:status")
    return _status_page(request, case, rating_form=form, status=400)


@never_cache
@require_POST
def rerate(request):
    case = _verified_or_lookup(request)
    if case is None:
        return redirect("services_cases_portal:lookup")
    follow_up = ratings.pending_rerating(case)
    form = RerateForm(request.POST)
    if follow_up is not None and form.is_valid():
        try:
            ratings.rerate(
                follow_up, grade=form.cleaned_data["grade"], comment=form.cleaned_data["comment"]
            )
        except ratings.AlreadyRated:
            pass
        except (DomainError, InvalidFields):
            return _status_page(request, case, rerate_form=form, status=400)
        messages.success(request, THANKS)
        return redirect("services_cases_portal:status")
    if follow_up is None:
        return redirect("services_cases_portal:status")
    return _status_page(request, case, rerate_form=form, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def by_link(request, token: str):
    """The SMS link: the rating form of the one case the signed token names."""
    case = ratings.case_from_token(token)
    if case is None:
        return page(request, "rate_gone.html", {}, status=404)
    done = ratings.existing(case)
    form = RatingForm()
    status = 200
    if request.method == "POST" and done is None:
        form = RatingForm(request.POST)
        if form.is_valid() and _save(form, case, RatingChannel.SMS):
            messages.success(request, THANKS)
            return redirect(request.path)
        status = 400
    ready = case.state in ratings.RATABLE_AT_COMPLETION
    return page(
        request,
        "rate.html",
        {"case": case, "form": form, "done": ratings.existing(case), "ready": ready},
        status=status,
    )
