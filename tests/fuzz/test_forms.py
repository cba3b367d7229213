"""Hostile text in every field of every public HTML form: never a server error.

The forms are found on the pages themselves (every ``<form>`` of the public
pages, including the applicant's and the writer's status pages after a real
lookup), submitted with the CSRF token the page gave, the other fields filled
with valid values, and one field at a time replaced by a hostile value: a lone
surrogate (sent as the raw bytes ED A0 80, which is what a broken client can
send; JSON is covered by the API fuzzer), NUL and other control characters,
full-width digits, right-to-left overrides, 100,000 characters, and random text
from those ingredients (``GONGKAI_FUZZ_EXAMPLES`` of them per field, seeded).
"""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.test import Client

from .conftest import fuzz_examples

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

SURROGATE = "\ud800"  # sent as raw bytes, see _encoded
HOSTILE = [
    SURROGATE,
    "a\x00b",
    "\x00",
    "\x1b[31m\x07\x08",
    "１３８００００１２３４",
    "０９３８－８２１２３４５",
    "甘肃省天水市\u202e路西主民\u202c1号",
    "\u2066\u2067\u2068\u2069\u202a\u202b\u202d",
    "字" * 100_000,
    "1" * 100_000,
    "-1",
    "99999999999999999999999999",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\ufeff\u200b\u3000",
    "🀄️👨‍👩‍👧",
]
INGREDIENTS = [
    "\x00",
    "\x1f",
    "\u202e",
    "\u2066",
    "１",
    "Ａ",
    "，",
    "字",
    "a",
    "0",
    " ",
    "\n",
    "\ud800",
    "\udfff",
    "%",
    "&",
    "=",
    "\u3000",
    "😀",
]

VALID = {
    "tracking_number": "YSQ2026-0001-00001",
    "query_code": "LY20261207-0001",
    "password": "ABCD2345",
    "phone": "13800001234",
    "writer_phone": "13800001234",
    "name": "张三",
    "writer_name": "王小明",
    "applicant_kind": "natural",
    "id_type": "resident_id",
    "id_number": "110105194912310029",
    "email": "zhangsan@example.com",
    "address": "甘肃省天水市秦州区民主西路1号",
    "postcode": "741000",
    "description": "2016年天水市黄标车淘汰补贴资金的发放明细",
    "preferred_form": "electronic",
    "delivery_method": "online",
    "subject": "黄标车淘汰补贴什么时候发放",
    "text": "我家的黄标车去年已经报废注销，补贴至今没有到账，请问什么时候发放？",
    "q": "黄标车",
}


class _Forms(HTMLParser):
    """The forms of a page: method, action, enctype and their fields' names and values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "enctype": a.get("enctype") or "",
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and a["name"] in self._form["fields"]:
                return
            if kind == "file":
                return
            value = a.get("value") or ("on" if kind == "checkbox" else "")
            self._form["fields"].setdefault(a["name"], value)
        elif tag in ("textarea", "button"):
            self._form["fields"].setdefault(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select = a["name"]
            self._form["fields"].setdefault(a["name"], "")
        elif tag == "option" and self._select and a.get("value"):
            fields = self._form["fields"]
            if not fields[self._select]:
                fields[self._select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(html: str, page: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        form["action"] = form["action"] or urlsplit(page).path
    return parser.forms


def _encoded(fields: dict[str, str]) -> bytes:
    """URL-encoded, a lone surrogate as its raw (invalid) UTF-8 bytes."""
    parts = []
    for name, value in fields.items():
        raw = value.encode("utf-8", "surrogatepass")
        parts.append(f"{quote(name)}={quote(raw)}")
    return "&".join(parts).encode()


def _multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = "----gongkai-fuzz-7MA4YWxkTrZu0gW"
    body = b""
    for name, value in fields.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode("utf-8", "surrogatepass")
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class Fuzzer:
    def __init__(self, client: Client, valid: dict[str, str] | None = None):
        self.client = client
        self.valid = {**VALID, **(valid or {})}
        self.requests = 0
        self.server_errors: list[str] = []
        self.seen: set[tuple[str, str]] = set()

    def send(self, form: dict, fields: dict[str, str], *, multipart=False) -> None:
        action = form["action"]
        if form["method"] == "get":
            query = _encoded(fields).decode()
            response = self.client.get(f"{action}?{query}")
        elif multipart:
            body, content_type = _multipart(fields)
            response = self.client.generic("POST", action, body, content_type=content_type)
        else:
            response = self.client.generic(
                "POST", action, _encoded(fields), content_type="application/x-www-form-urlencoded"
            )
        self.requests += 1
        if response.status_code >= 500:
            shown = {k: (v[:40] + "…" if len(v) > 40 else v) for k, v in fields.items()}
            self.server_errors.append(f"{form['method'].upper()} {action} {shown!r}")

    def fuzz_page(self, page: str, values: list[str]) -> None:
        html = self.client.get(page).content.decode("utf-8", "replace")
        for form in forms_of(html, page):
            key = (form["method"], form["action"])
            if key in self.seen or not form["action"].startswith("/"):
                continue
            self.seen.add(key)
            base = {name: self.valid.get(name, value) for name, value in form["fields"].items()}
            for name in [n for n in base if n != "csrfmiddlewaretoken"]:
                for value in values:
                    self.send(form, {**base, name: value})
                if form["enctype"] == "multipart/form-data":
                    self.send(form, {**base, name: SURROGATE + "x"}, multipart=True)


def _values() -> list[str]:
    rng = random.Random(20261207)
    extra = [
        "".join(rng.choice(INGREDIENTS) for _ in range(rng.randint(1, 40)))
        for _ in range(fuzz_examples() // 2)
    ]
    return HOSTILE + extra


def _verified_lookup(client, url, code_field, code, password):
    page = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        url, {"csrfmiddlewaretoken": token, code_field: code, "password": password}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def test_no_public_form_answers_a_server_error(fuzz_world, no_limits):
    from gongkai.applications.services import submit_online
    from gongkai.applications.tests.helpers import applicant_data
    from gongkai.interaction import services as messages
    from gongkai.interaction.tests.helpers import mayor_board, message_data

    world = fuzz_world
    consultation = world.consultation
    application = submit_online(applicant_data(world.finance))
    message = messages.submit_message(message_data(mayor_board(world)))

    values = _values()
    fuzzers = []
    # The applicant's and the writer's own pages, after a real lookup (first, and
    # each from its own address, before the fuzzing uses up the lookup limits).
    for n, (lookup, status, code_field, code, password) in enumerate(
        [
            (
                "/ysqgk/lookup/",
                "/ysqgk/status/",
                "tracking_number",
                application.application.tracking_number,
                application.password,
            ),
            (
                "/hudong/lookup/",
                "/hudong/status/",
                "query_code",
                message.message.query_code,
                message.password,
            ),
        ]
    ):
        client = Client(enforce_csrf_checks=True, REMOTE_ADDR=f"10.0.0.{n + 1}")
        _verified_lookup(client, lookup, code_field, code, password)
        fuzzers.append(Fuzzer(client))
        fuzzers[-1].fuzz_page(status, values)
    # The real codes, so that a hostile phone or password is compared with a stored one.
    real = {
        "tracking_number": application.application.tracking_number,
        "query_code": message.message.query_code,
    }
    fuzzer = Fuzzer(Client(enforce_csrf_checks=True), real)
    fuzzer.seen = set().union(*(f.seen for f in fuzzers))
    pages = [
        "/",
        "/search/",
        "/xxgk/",
        "/xxgk/search/",
        "/xxgk/catalog/",
        "/ysqgk/",
        "/ysqgk/apply/",
        "/ysqgk/lookup/",
        "/hudong/",
        "/hudong/board/",
        "/hudong/write/mayor-board/",
        "/hudong/lookup/",
        "/zhengji/",
        f"/zhengji/{consultation.pk}/",
        "/jianyi/",
        "/nianbao/",
    ]
    for page in pages:
        fuzzer.fuzz_page(page, values)
    fuzzers.append(fuzzer)
    requests = sum(f.requests for f in fuzzers)
    errors = [e for f in fuzzers for e in f.server_errors]
    print(sorted(fuzzer.seen))
    print(
        f"form fuzzer: {len(fuzzer.seen)} forms, {requests} requests, {len(errors)} server errors"
    )
    assert len(fuzzer.seen) >= 10
    assert not errors, "\n".join(errors[:20])
