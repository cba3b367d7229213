import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.validators import (
    USCC_CHARSET,
    id_check_char,
    is_valid_org_code,
    is_valid_resident_id,
    is_valid_uscc,
    org_code_check_char,
    uscc_check_char,
    validate_mobile,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)

# Published examples of the algorithms (GB 11643 worked example; a well-known
# enterprise code whose check character is given on its licence).
KNOWN_GOOD_IDS = ["11010519491231002X"]
KNOWN_GOOD_USCC = ["91350100M000100Y43", "91110000600037341L"]


@pytest.mark.parametrize("number", KNOWN_GOOD_IDS)
def test_known_resident_ids_pass(number):
    assert is_valid_resident_id(number)
    validate_resident_id(number)


@pytest.mark.parametrize("code", KNOWN_GOOD_USCC)
def test_known_credit_codes_pass(code):
    assert is_valid_uscc(code)
    validate_uscc(code)


def test_resident_id_with_wrong_check_character_is_refused_with_a_chinese_reason():
    with pytest.raises(ValidationError) as exc:
        validate_resident_id("110105194912310021")
    assert "校验位" in exc.value.messages[0]


def test_resident_id_with_impossible_birth_date_is_refused():
    first17 = "11010519490231002"  # 31 February
    number = first17 + id_check_char(first17)
    assert not is_valid_resident_id(number)
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(number)
    assert "出生日期" in exc.value.messages[0]


def test_lower_case_x_is_accepted_as_the_check_character():
    assert is_valid_resident_id("11010519491231002x")


def test_credit_code_length_and_forbidden_letters_get_their_own_messages():
    with pytest.raises(ValidationError) as exc:
        validate_uscc("9135010")
    assert "18位" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        validate_uscc("91350100M000100I43")  # I is not in the character set
    assert "不允许的字符" in exc.value.messages[0]


def test_credit_code_with_wrong_check_character_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_uscc("91350100M000100Y44")
    assert "校验位" in exc.value.messages[0]


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8))
def test_every_generated_credit_code_validates_and_any_single_change_is_caught(org_body):
    org = org_body + org_code_check_char(org_body)
    if org[-1] == "X" and "X" not in USCC_CHARSET:  # pragma: no cover - X is in the set
        return
    first17 = "11620500" + org
    code = first17 + uscc_check_char(first17)
    assert is_valid_uscc(code)
    for position in range(18):
        for replacement in "0A":
            if code[position] == replacement:
                continue
            changed = code[:position] + replacement + code[position + 1 :]
            assert not is_valid_uscc(changed), (code, changed)


@given(
    st.integers(min_value=110000, max_value=659999),
    st.dates(),
    st.integers(min_value=0, max_value=999),
)
def test_resident_id_check_character_catches_every_single_digit_change(region, born, serial):
    if born.year < 1900 or born.year > 2020:
        return
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    number = first17 + id_check_char(first17)
    assert is_valid_resident_id(number)
    for position in range(17):
        original = number[position]
        replacement = "1" if original != "1" else "2"
        changed = number[:position] + replacement + number[position + 1 :]
        assert not is_valid_resident_id(changed)


def test_organisation_code_check_character():
    assert org_code_check_char("D2143569") == "X"  # GB 11714 example
    assert is_valid_org_code("D2143569-X")
    assert not is_valid_org_code("D2143569-1")


@pytest.mark.parametrize("value", ["13800000000", "0938-8212345", "8212345", "0938-8212345-801"])
def test_phone_formats_accepted(value):
    validate_phone(value)


@pytest.mark.parametrize("value", ["12345", "1380000000a", "2380000000"])
def test_bad_mobiles_are_refused(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)
