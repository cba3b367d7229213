import pytest

from gongkai.core.pagination import CappedPaginator
from gongkai.orgs.models import Government


@pytest.mark.django_db
def test_counting_stops_at_the_cap(django_assert_max_num_queries):
    for i in range(7):
        Government.objects.create(
            code=f"6{i}0000", name=f"测试{i}", full_name=f"测试{i}人民政府", level="city"
        )
    rows = Government.objects.order_by("code")
    capped = CappedPaginator(rows, 2, cap=5)
    assert capped.count == 5 and capped.capped
    assert capped.num_pages == 3
    assert [g.code for g in capped.page(3)] == ["640000"]
    whole = CappedPaginator(rows, 2, cap=100)
    assert whole.count == 7 and not whole.capped
    assert CappedPaginator(list(range(7)), 2, cap=5).capped
