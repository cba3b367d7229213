import threading

import pytest
from django.db import connection, connections, transaction

from gongkai.numbering import PatternError, next_value, peek_value, render_pattern, validate_pattern

INDEX_FIELDS = {"机构代码", "年份", "流水号"}


@pytest.mark.django_db
def test_values_count_up_per_scope_and_period():
    assert [next_value("idx:620500", "2026") for _ in range(3)] == [1, 2, 3]
    assert next_value("idx:620500", "2027") == 1
    assert next_value("idx:620502", "2026") == 1
    assert peek_value("idx:620500", "2026") == 3


@pytest.mark.django_db
def test_a_value_taken_in_a_rolled_back_transaction_was_never_given():
    next_value("idx", "2026")
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_value("idx", "2026") == 2
        raise RuntimeError("the item could not be saved")
    assert next_value("idx", "2026") == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_never_get_the_same_value():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite shares one connection between threads")
    values, errors = [], []

    def take():
        try:
            for _ in range(10):
                values.append(next_value("concurrent", "2026"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(values) == list(range(1, 41))


def test_the_default_index_number_pattern_renders():
    number = render_pattern(
        "{机构代码}/{年份}-{流水号:05d}",
        {"机构代码": "11620500MB1234567X", "年份": 2016, "流水号": 13},
    )
    assert number == "11620500MB1234567X/2016-00013"


@pytest.mark.parametrize(
    "pattern,message",
    [
        ("{机构代码}/{年份}", "必须包含 {流水号}"),
        ("{机构代码}/{年}-{流水号}", "不认识的占位符 {年}"),
        ("{机构代码/{流水号}", "格式"),
        ("{}-{流水号}", "不认识的占位符"),
        ("{流水号:xx}", "{流水号:05d}"),
    ],
)
def test_bad_patterns_are_refused_with_a_chinese_reason(pattern, message):
    with pytest.raises(PatternError) as exc:
        validate_pattern(pattern, INDEX_FIELDS)
    assert message in exc.value.messages[0]
