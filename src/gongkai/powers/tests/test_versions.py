"""Versions of a list: adjustments close and open rows; the list as it stood on a day."""

from datetime import date

import pytest

from gongkai.powers import queries
from gongkai.powers.models import AdjustmentKind, Power
from gongkai.powers.services.adjusting import AdjustmentRefused, Change, record_adjustment
from gongkai.powers.services.importing import import_list

from .helpers import full_workbook, power_row, workbook

pytestmark = pytest.mark.django_db
START = date(2016, 1, 1)
DECIDED = date(2016, 6, 20)
EFFECTIVE = date(2016, 7, 1)


@pytest.fixture
def listed(world):
    import_list(world.tianshui, full_workbook(4), valid_from=START)
    return {p.code[-4:]: p for p in Power.objects.all()}


def _adjust(world, *changes, number="天政发〔2016〕35号"):
    return record_adjustment(
        world.tianshui,
        document_number=number,
        document_title="天水市人民政府关于取消和下放一批行政审批项目的决定",
        decided_on=DECIDED,
        effective_on=EFFECTIVE,
        changes=list(changes),
    )


def _codes(queryset):
    return sorted(p.code[-4:] + ("*" if p.valid_from == EFFECTIVE else "") for p in queryset)


def test_cancel_devolve_and_amend_change_the_list_from_the_effective_day(world, listed):
    _adjust(
        world,
        Change(AdjustmentKind.CANCEL, [listed["0001"]]),
        Change(AdjustmentKind.DEVOLVE, [listed["0002"]], recipient="县区财政局"),
        Change(AdjustmentKind.AMEND, [listed["0003"]], changes={"name": "代理记账资格审批"}),
    )
    mine = Power.objects.filter(government=world.tianshui)
    assert _codes(mine.as_of(date(2016, 6, 30))) == ["0001", "0002", "0003", "0004"]
    assert _codes(mine.as_of(EFFECTIVE)) == ["0003*", "0004"]
    assert _codes(mine.current()) == ["0003*", "0004"]
    amended = mine.current().get(code__endswith="0003")
    assert amended.name == "代理记账资格审批"
    assert [r.name for r in amended.responsibilities.all()] == ["受理", "审查"]
    assert amended.responsibilities.first().accountabilities.count() == 2
    old = mine.as_of(date(2016, 6, 30)).get(code__endswith="0003")
    assert old.name == "设立会计代理记账机构审批3" and old.valid_to == EFFECTIVE


def test_the_list_before_it_was_published_is_empty(world, listed):
    assert not Power.objects.as_of(date(2015, 12, 31)).exists()


def test_merge_closes_both_and_the_successor_has_all_their_children(world, listed):
    _adjust(
        world,
        Change(
            AdjustmentKind.MERGE,
            [listed["0004"], listed["0002"]],
            changes={"name": "代理记账机构审批（合并）"},
        ),
    )
    merged = Power.objects.current().get(name="代理记账机构审批（合并）")
    assert merged.code.endswith("0002")
    assert merged.responsibilities.count() == 4
    assert list(merged.started_by.values_list("before__code", flat=True)) == [
        listed["0002"].code,
        listed["0004"].code,
    ]


def test_add_lists_the_powers_imported_for_the_document(world, listed):
    report = import_list(world.tianshui, workbook([power_row(9)]), valid_from=EFFECTIVE)
    adjustment = _adjust(world, Change(AdjustmentKind.ADD, report.created))
    assert adjustment.items.get().after.code.endswith("0009")
    assert _codes(Power.objects.as_of(EFFECTIVE)) == ["0001", "0002", "0003", "0004", "0009*"]


def test_a_power_no_longer_in_force_cannot_be_adjusted_again(world, listed):
    _adjust(world, Change(AdjustmentKind.CANCEL, [listed["0001"]]))
    with pytest.raises(AdjustmentRefused, match="不是现行职权"):
        _adjust(world, Change(AdjustmentKind.CANCEL, [listed["0001"]]), number="天政发〔2016〕40号")


def test_a_refused_change_leaves_the_whole_document_unrecorded(world, listed):
    with pytest.raises(AdjustmentRefused, match="下放事项须写明"):
        _adjust(
            world,
            Change(AdjustmentKind.CANCEL, [listed["0001"]]),
            Change(AdjustmentKind.DEVOLVE, [listed["0002"]]),
        )
    assert Power.objects.current().count() == 4


def test_another_governments_power_is_refused(world, listed):
    with pytest.raises(AdjustmentRefused, match="不属于秦州区的清单"):
        record_adjustment(
            world.qinzhou,
            document_number="秦政发〔2016〕1号",
            document_title="决定",
            decided_on=DECIDED,
            effective_on=EFFECTIVE,
            changes=[Change(AdjustmentKind.CANCEL, [listed["0001"]])],
        )


def test_the_years_list_is_generated_from_the_history(world, listed):
    _adjust(
        world,
        Change(AdjustmentKind.CANCEL, [listed["0001"]], note="市场机制能够有效调节"),
        Change(AdjustmentKind.DEVOLVE, [listed["0002"]], recipient="县区财政局"),
    )
    rows = [
        (i.before.name, i.before.department.name, i.get_kind_display(), i.recipient)
        for i in queries.year_adjustments(world.tianshui, 2016)
    ]
    assert rows == [
        ("设立会计代理记账机构审批1", "天水市财政局", "取消", ""),
        ("设立会计代理记账机构审批2", "天水市财政局", "下放", "县区财政局"),
    ]
    assert not queries.year_adjustments(world.tianshui, 2017).exists()
    assert queries.adjustment_years(world.tianshui) == [2016]


def test_summary_counts_the_list_in_force_and_the_governments_under_it(world, listed):
    import_list(
        world.qinzhou,
        workbook(
            [power_row(1, code="62050200CZ-XK-0001", department="秦州区财政局", level="县级")]
        ),
        valid_from=START,
    )
    _adjust(world, Change(AdjustmentKind.CANCEL, [listed["0001"]]))
    assert queries.summary(world.tianshui).as_dict() == {
        "powers": 3,
        "responsibilities": 6,
        "accountabilities": 12,
        "counties_powers": 1,
    }
    assert queries.summary(world.tianshui, date(2016, 6, 30)).powers == 4
