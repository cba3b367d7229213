"""Text hygiene (gongkai.core.text) and the middleware that applies it to every form."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.core.middleware import InputHygieneMiddleware
from gongkai.core.text import (
    UnsafeText,
    clean_field,
    clean_text,
    fold_identifier,
    fold_phone,
    scrub_text,
)
from gongkai.core.validators import normal_phone, validate_phone


def test_free_text_keeps_chinese_punctuation_and_full_width_characters():
    text = "请问：补贴（２０１６年）何时发放？谢谢！　第５号楼"
    assert clean_text(text) == text


def test_identifiers_are_nfkc_folded():
    assert fold_identifier(" １３８００００１２３４ ") == "13800001234"
    assert fold_identifier("０９３８－８２１２３４５") == "0938-8212345"
    assert fold_identifier("ｙｓｑ２０２６") == "ysq2026"
    assert fold_identifier("١٣٨") == "138"  # other scripts' decimal digits too
    assert clean_field("postcode", "７４１０００") == "741000"
    assert clean_field("description", "７４１０００") == "７４１０００"


def test_a_phone_is_ascii_whatever_was_typed():
    assert fold_phone("电话１３８") == "??138"
    assert fold_phone("１３８００００１２３４") == "13800001234"
    assert normal_phone("＋８６ １３８００００１２３４") == "13800001234"


def test_validators_take_ascii_digits_only():
    from django.core.exceptions import ValidationError

    validate_phone("13800001234")
    with pytest.raises(ValidationError):
        validate_phone("１３８００００１２３４")


@pytest.mark.parametrize("value", ["\ud800", "a\x00b", "a\x1bb", "\x7f"])
def test_surrogates_and_controls_are_refused_in_chinese(value):
    with pytest.raises(UnsafeText) as refused:
        clean_text(value)
    assert "请删除后重新提交" in refused.value.message


def test_tab_newline_and_carriage_return_are_text():
    assert clean_text("第一行\r\n\t第二行") == "第一行\r\n\t第二行"


@pytest.mark.parametrize(
    "control", [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
)
def test_bidi_overrides_and_isolates_are_removed(control):
    assert clean_text(f"天水{control}市") == "天水市"
    assert scrub_text(f"天水{control}市") == "天水市"


def test_scrub_never_refuses():
    assert scrub_text("a\x00b\ud800") == "ab?"


def _through_middleware(request):
    seen = {}

    def view(req):
        seen["GET"], seen["POST"] = req.GET, req.POST
        return HttpResponse()

    InputHygieneMiddleware(view)(request)
    return seen


def test_the_middleware_cleans_form_posts_and_queries():
    factory = RequestFactory()
    request = factory.post(
        "/ysqgk/lookup/?q=%E5%A4%A9%E2%80%AE%E6%B0%B4",
        {
            "phone": "１３８００００１２３４",
            "password": "ａｂｃｄ２３４５",
            "address": "民主\u202e西路\x00１号",
        },
    )
    seen = _through_middleware(request)
    assert seen["POST"]["phone"] == "13800001234"
    assert seen["POST"]["password"] == "abcd2345"
    assert seen["POST"]["address"] == "民主西路１号"
    assert seen["GET"]["q"] == "天水"
    assert not seen["POST"]._mutable


def test_the_middleware_leaves_staff_passwords_and_the_api_alone():
    factory = RequestFactory()
    staff = _through_middleware(factory.post("/accounts/login/", {"password": "ｐａｓｓ１"}))
    assert staff["POST"]["password"] == "ｐａｓｓ１"
    api = factory.post("/api/v1/messages", b'{"a": 1}', content_type="application/json")
    InputHygieneMiddleware(lambda r: HttpResponse())(api)
    assert api.body == b'{"a": 1}'
