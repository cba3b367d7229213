"""gongkai.core.lockout: wrong guesses lock the code guessed from the guessing address only,
not the owner's other addresses and not the phone route; counted before checking.

Every time is passed explicitly (``now``): 10:32 on 7 December 2026, Beijing time.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from gongkai.core.lockout import ADDRESS, PASSWORD, PHONE, LookupLockout

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
T = datetime(2026, 12, 7, 10, 32, tzinfo=BEIJING).timestamp()
OFFICE = "10.0.0.1"  # one NAT address for a whole office
RECORDS = {"YSQ-1": ("right-1", "13800000001"), "YSQ-2": ("right-2", "13800000002")}

LOCKOUT = LookupLockout(
    scope="test.lookup",
    code_word="受理编号",
    person="申请人",
    phone_hint="申请时填写的联系电话",
    contact="，或联系受理机关",
)


@pytest.fixture(autouse=True, params=["database", "cache"])
def _defaults(request, settings):
    settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 5
    settings.APPLICATION_LOOKUP_FAILURE_WINDOW = 15 * 60
    settings.LOOKUP_ADDRESS_FAILURE_LIMIT = 100
    settings.LOOKUP_CODE_FAILURE_LIMIT = 200
    settings.RATELIMIT_STORE = request.param
    cache.clear()
    yield
    cache.clear()


def find(code, *, password="", phone=""):
    right_password, right_phone = RECORDS.get(code.upper(), (None, None))
    if right_password is None:
        return None
    if (password and password == right_password) or (phone and phone == right_phone):
        return code.upper()
    return None


def look_up(code, *, password="", phone="", ip=OFFICE, at=T, lockout=LOCKOUT):
    return lockout.look_up(ip, code, password=password, phone=phone, find=find, now=at)


def five_wrong_passwords(code="YSQ-1", ip=OFFICE):
    return [look_up(code, password=f"guess-{n}", ip=ip, at=T + n) for n in range(5)]


def test_five_wrong_passwords_lock_that_number():
    outcomes = five_wrong_passwords()
    assert [o.refused is None for o in outcomes] == [True, True, True, True, False]
    assert outcomes[0].warning.startswith(
        "再错4次，从这个网络地址凭查询密码查询这个受理编号将暂停15 分钟"
    )
    lock = outcomes[-1].refused
    assert (lock.what, lock.code, lock.until) == (PASSWORD, "YSQ-1", T + 4 + 900)


def test_the_right_password_of_the_locked_number_is_refused_from_there_until_the_lock_expires():
    five_wrong_passwords()
    until = T + 4 + 900
    for at in (T + 10, until - 1):
        refused = look_up("ysq-1", password="right-1", at=at).refused
        assert refused is not None and refused.what == PASSWORD
    assert look_up("YSQ-1", password="right-1", at=until - 1).refused.retry_after == 1
    assert look_up("YSQ-1", password="right-1", at=until).found == "YSQ-1"


def test_the_owner_from_another_address_gets_in_while_the_guesser_is_locked():
    """Tracking numbers are sequential: locking the number everywhere would let anyone
    lock any citizen out. The guesser's address is locked, the owner's is not."""
    five_wrong_passwords(ip="203.0.113.7")
    assert look_up("YSQ-1", password="right-1", ip="10.9.9.9", at=T + 10).found == "YSQ-1"
    assert look_up("YSQ-1", password="right-1", ip="203.0.113.7", at=T + 10).refused
    # and the owner's own mistakes still count from the owner's address only
    for n in range(4):
        assert look_up("YSQ-1", password="typo", ip="10.9.9.9", at=T + 20 + n).refused is None
    assert look_up("YSQ-1", password="right-1", ip="10.9.9.9", at=T + 30).found == "YSQ-1"


def test_a_burst_of_40_wrong_and_1_right_checks_at_most_5_from_one_address():
    """Every attempt is counted before its password is checked: 41 requests that all pass
    the door before any of them has been checked (as concurrent requests do) get at most
    5 checks, and the right password, arriving last, is not one of them."""
    checked = []
    guesses = [f"guess-{n}" for n in range(40)] + ["right-1"]
    outcomes = []

    def slow_find(code, *, password="", phone=""):
        checked.append(password)
        start_next()  # the next request arrives before this one has been checked
        return find(code, password=password, phone=phone)

    def start_next():
        while guesses:
            password = guesses.pop(0)
            outcomes.append(
                (
                    password,
                    LOCKOUT.look_up(OFFICE, "YSQ-1", password=password, find=slow_find, now=T),
                )
            )

    start_next()
    assert len(outcomes) == 41
    assert len(checked) == 5 and "right-1" not in checked
    assert not any(outcome.found for _password, outcome in outcomes)
    right = dict(outcomes)["right-1"]
    assert right.refused is not None and right.refused.what == PASSWORD
    assert sum(outcome.refused is not None for _password, outcome in outcomes) == 37


def test_distributed_guessing_is_capped_per_number_and_the_phone_stays_open(settings):
    settings.LOOKUP_CODE_FAILURE_LIMIT = 12
    for n in range(12):  # 3 guesses from each of 4 addresses: no address reaches 5
        outcome = look_up("YSQ-1", password=f"g{n}", ip=f"198.51.100.{n // 3}", at=T + n)
    assert outcome.refused.reach == "everywhere"
    refused = look_up("YSQ-1", password="right-1", ip="10.9.9.9", at=T + 20).refused
    assert refused.what == PASSWORD and refused.until == T + 11 + 900
    assert "多个网络地址" in LOCKOUT.message(refused)
    assert "申请人本人可以凭受理编号和申请时填写的联系电话查询" in LOCKOUT.message(refused)
    assert look_up("YSQ-1", phone="13800000001", ip="10.9.9.9", at=T + 20).found == "YSQ-1"
    assert look_up("YSQ-2", password="right-2", ip="198.51.100.1", at=T + 20).found == "YSQ-2"


def test_right_answers_are_not_counted_as_failures():
    small = LookupLockout(
        scope="test.lookup", code_word="受理编号", person="申请人", phone_hint="电话", flood_limit=3
    )
    for n in range(10):  # an office looking up its own records all day
        assert look_up("YSQ-1", password="right-1", at=T + n, lockout=small).found
        assert look_up("YSQ-2", password="right-2", at=T + n, lockout=small).found
    assert look_up("YSQ-X", password="typo", at=T + 20, lockout=small).refused is None


def test_the_same_address_still_looks_up_another_number_and_by_phone():
    five_wrong_passwords()
    assert look_up("YSQ-2", password="right-2", at=T + 10).found == "YSQ-2"
    assert look_up("YSQ-1", phone="13800000001", at=T + 10).found == "YSQ-1"
    # the password of the locked number is not checked, the phone given with it is
    both = look_up("YSQ-1", password="right-1", phone="13800000001", at=T + 10)
    assert both.found == "YSQ-1"


def test_wrong_phones_lock_the_phone_route_of_that_number_only():
    for n in range(5):
        outcome = look_up("YSQ-1", phone=f"1390000000{n}", at=T + n)
    assert outcome.refused.what == PHONE
    assert look_up("YSQ-1", password="right-1", at=T + 10).found == "YSQ-1"
    assert look_up("YSQ-1", phone="13800000001", at=T + 10).refused.what == PHONE
    assert look_up("YSQ-2", phone="13800000002", at=T + 10).found == "YSQ-2"
    assert "请凭查询密码查询，或联系受理机关" in LOCKOUT.message(outcome.refused)
    # both guessed: the number is closed both ways, and the message says so
    five_wrong_passwords()
    both = look_up("YSQ-1", password="right-1", phone="13800000001", at=T + 10).refused
    assert both.what == "both"
    assert LOCKOUT.message(both).startswith("受理编号 YSQ-1 的查询密码和联系电话错误次数过多")


def test_an_office_making_mistakes_across_numbers_is_not_locked_out():
    for n in range(40):  # 40 mistakes, each on another number, within minutes
        assert look_up(f"YSQ-X{n}", password="typo", at=T + n).refused is None
    assert look_up("YSQ-1", password="right-1", at=T + 60).found == "YSQ-1"


def test_a_flood_from_one_address_locks_that_address_route_and_portal_only():
    small = LookupLockout(
        scope="test.lookup", code_word="受理编号", person="申请人", phone_hint="电话", flood_limit=3
    )
    other_portal = LookupLockout(
        scope="test.other", code_word="查询码", person="留言人", phone_hint="电话", flood_limit=3
    )
    outcomes = [look_up(f"YSQ-X{n}", password="x", at=T + n, lockout=small) for n in range(3)]
    assert outcomes[-1].refused.what == ADDRESS
    assert look_up("YSQ-1", password="right-1", at=T + 5, lockout=small).refused.what == ADDRESS
    # another address, the phone route and another portal's lookups are open
    assert look_up("YSQ-1", password="right-1", ip="10.0.0.2", at=T + 5, lockout=small).found
    assert look_up("YSQ-1", phone="13800000001", at=T + 5, lockout=small).found
    assert look_up("YSQ-1", password="right-1", at=T + 5, lockout=other_portal).found
    assert "这个网络地址查询失败的次数过多" in small.message(outcomes[-1].refused)


def test_the_message_says_what_is_locked_and_until_when_in_beijing_time():
    lock = five_wrong_passwords()[-1].refused
    text = LOCKOUT.message(lock)
    assert text.startswith("受理编号 YSQ-1 的查询密码错误次数过多，为保护申请人信息，")
    assert "从这个网络地址凭查询密码查询这个受理编号已暂停到10:47（约 15 分钟后）" in text
    assert "可以凭受理编号和申请时填写的联系电话查询，或联系受理机关" in text
    assert "其他受理编号的查询不受影响" in text


def test_a_lock_ending_on_another_day_names_the_day():
    late = datetime(2026, 12, 7, 23, 55, tzinfo=BEIJING).timestamp()
    for n in range(5):
        outcome = look_up("YSQ-1", password="x", at=late + n)
    assert "暂停到12月8日 00:10" in LOCKOUT.message(outcome.refused)
