"""The 依申请公开 demo: a year of Tianshui's applications, made through the real actions.

Loaded once for the module (it is not cheap): governments, departments and
staff, then the applications; the statistics of 2016 must pass every
cross-check and fill every row that the national table has.
"""

import pytest

from gongkai.applications.flow import FLOW
from gongkai.applications.models import (
    Application,
    ApplicationState,
    Challenge,
    Channel,
    CorrectionState,
    FeeState,
    FormalNotice,
    Outcome,
)
from gongkai.applications.stats import (
    APPLICANT_COLUMNS,
    OUTCOME_ROWS,
    table_four,
    table_three,
    year_range,
)
from gongkai.orgs.models import Government
from gongkai.workdays.models import ExtensionRequest
from gongkai.workflow.models import Entry


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from django.db import transaction

    from gongkai.applications.demo import load_applications
    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(out=printed.append)
        load_governments(ctx)
        load_departments_and_staff(ctx)
        load_applications(ctx)
        yield printed
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def test_the_demo_year_passes_every_check_and_fills_every_row(demo):
    city = Government.objects.get(code="620500")
    t = table_three(city, *year_range(2016))
    assert t.checks() == []
    assert 300 <= t.value("new", "total") <= 400
    for outcome in OUTCOME_ROWS:
        assert t.value(outcome, "total") >= 1, outcome
    for column in APPLICANT_COLUMNS:
        assert t.value("new", column) >= 1, column
    assert t.value("new", "natural") > t.value("new", "total") // 2
    assert t.value("carried_in", "total") >= 5  # received late 2015
    assert 8 <= t.value("carried_out", "total") <= 15  # open at 2016-12-31
    four = table_four(city, *year_range(2016))
    assert four.checks() == []
    for kind, values in four.cells.items():
        for result in ("upheld", "corrected", "other", "pending"):
            assert values[result] >= 1, (kind, result)
    # a county on its own, and 2017 (carried over, then concluded)
    assert table_three(Government.objects.get(code="620502"), *year_range(2016)).checks() == []
    t17 = table_three(city, *year_range(2017))
    assert t17.checks() == []
    assert t17.value("carried_in", "total") == t.value("carried_out", "total")
    assert t17.value("carried_out", "total") == 3
    assert any("依申请公开" in line for line in demo)


def test_the_demo_went_through_the_real_actions(demo):
    apps = Application.objects.filter(received_on__year=2016)
    assert set(apps.values_list("channel", flat=True)) == set(Channel.values)
    assert Application.objects.filter(state=ApplicationState.DISCARDED).count() == 3
    assert Application.objects.filter(forwarded_to__isnull=False).count() >= 3
    assert Application.objects.filter(correction__state=CorrectionState.EXPIRED).exists()
    assert Application.objects.filter(correction__state=CorrectionState.ANSWERED).exists()
    assert Application.objects.filter(fee__state=FeeState.PAID, fee__method="count").exists()
    assert Application.objects.filter(fee__state=FeeState.EXPIRED).exists()
    assert ExtensionRequest.objects.for_model(Application).filter(approved=True).exists()
    assert Application.objects.filter(art35__decision="reasonable").exists()
    assert Application.objects.filter(consultations__result="objection").exists()
    assert Application.objects.filter(outcome=Outcome.REFUSED_EXCESSIVE).count() == 1
    assert Challenge.objects.filter(kind="litigation_after").count() == 4
    # numbered notices and timelines dated in the years they happened
    assert FormalNotice.objects.filter(kind="reply", issued_on__year=2016).count() > 280
    assert not FormalNotice.objects.filter(issued_on__year__gt=2017).exists()
    assert not Entry.objects.filter(workflow=FLOW.name, on__year__gt=2017).exists()
    assert not Application.objects.filter(year__gt=2017).exists()
    assert apps.filter(tracking_number__startswith="YSQ2016-").count() == apps.count()
    # every reply was approved by the department's reviewer, on its own clock
    replied = Application.objects.filter(concluded_on__isnull=False).first()
    assert replied.reply_clock() is not None


def test_loading_again_adds_nothing(demo):
    from gongkai.applications.demo import load_applications
    from gongkai.demo.loaders import DemoContext

    before = Application.objects.count()
    printed: list[str] = []
    load_applications(DemoContext(out=printed.append))
    assert Application.objects.count() == before
    assert "已存在" in printed[0]


def test_the_demo_replies_name_the_reconsideration_body_and_the_court(demo):
    def remedies(name: str) -> str:
        reply = FormalNotice.objects.filter(kind="reply", application__department__name=name)
        return reply.order_by("pk").first().body.splitlines()[-1]

    assert "向天水市人民政府申请行政复议" in remedies("天水市财政局")
    assert "向天水市秦州区人民法院提起行政诉讼" in remedies("天水市财政局")
    city = remedies("天水市人民政府办公室")
    assert "向甘肃省人民政府申请行政复议" in city and "向天水市中级人民法院" in city
    assert "向甘谷县人民法院提起行政诉讼" in remedies("甘谷县财政局")
    assert "有管辖权的人民法院" not in "".join(
        FormalNotice.objects.filter(kind="reply").values_list("body", flat=True)
    )


def test_the_demo_replies_releasing_information_passed_the_secrecy_review(demo):
    from gongkai.applications.models import SecrecyReview

    released = Application.objects.filter(
        outcome__in=[Outcome.DISCLOSED, Outcome.PARTIAL], concluded_on__isnull=False
    )
    assert released.count() > 50
    assert not released.filter(secrecy_review__isnull=True).exists()
    review = SecrecyReview.objects.select_related("application").first()
    assert review.on == review.application.concluded_on
    assert review.reviewer.username.endswith("_secrecy")
