"""An enforcement body's credit code is checked with its check digit; its powers are
those of the 权责清单; its random-inspection list is data."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.powers.models import EnforcementBody, InspectionItem

from .enforcement_helpers import body, finance_powers

pytestmark = pytest.mark.django_db


def test_a_wrong_check_digit_is_refused(world):
    found = body(world)
    found.full_clean()
    code = found.uscc
    found.uscc = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as refused:
        found.full_clean()
    assert "校验位不正确" in str(refused.value)


def test_a_body_exercises_powers_of_the_list_and_keeps_its_inspection_list(world):
    licence, punish, _inspect = finance_powers(world)
    found = body(world, powers=[licence, punish])
    InspectionItem.objects.create(
        body=found,
        position=1,
        name="代理记账机构检查",
        inspected="代理记账机构",
        basis="《代理记账管理办法》",
        ratio="5%",
        frequency="每年1次",
    )
    again = EnforcementBody.objects.get(pk=found.pk)
    assert set(again.powers.values_list("name", flat=True)) == {licence.name, punish.name}
    assert [(i.ratio, i.frequency) for i in again.inspections.all()] == [("5%", "每年1次")]
