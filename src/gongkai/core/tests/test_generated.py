"""Generated documents rendered once per content version and served from storage
(``gongkai.core.generated``): renders counted by a renderer that says which version of
the content it saw, the storage a directory of the test's own."""

from __future__ import annotations

import threading
import time
from datetime import date
from urllib.parse import quote

import pytest
from django.test import RequestFactory

from gongkai.core import generated, pagecache

pytestmark = pytest.mark.django_db  # content_changed() bumps again on commit
NAME = "test-card/620500/2016"


class Renderer:
    """Makes a document naming the content it saw; counts its calls."""

    def __init__(self, delay: float = 0):
        self.calls = 0
        self.delay = delay
        self.content = "first"

    def __call__(self) -> bytes:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        return self.fresh()

    def fresh(self) -> bytes:
        """What a render makes now (not counted)."""
        return f"%PDF-test {self.content} {'x' * 5000}".encode()


def make(render, **kwargs):
    return generated.document(NAME, render, ext="pdf", **kwargs)


def test_the_second_request_does_not_render_again(generated_storage):
    render = Renderer()
    first = make(render)
    second = make(render)
    assert render.calls == 1
    assert first == second and second.read() == render.fresh()  # byte-identical to a fresh render
    assert (generated_storage / first.name).read_bytes() == second.read()


def test_a_content_change_renders_anew_and_versions_do_not_mix(generated_storage):
    render = Renderer()
    old = make(render)
    render.content = "second"
    assert make(render).read() == old.read()  # the content changed without a bump: not seen
    pagecache.content_changed()
    new = make(render)
    assert render.calls == 2
    assert b"second" in new.read() and b"first" in old.read()  # each file its own version
    assert new.etag != old.etag and new.name != old.name
    assert make(render) == new and render.calls == 2


def test_parameters_and_names_do_not_mix(generated_storage):
    render = Renderer()
    a = make(render, params={"base_url": "https://a.example/"})
    render.content = "second"
    b = make(render, params={"base_url": "https://b.example/"})
    other = generated.document("test-card/620500/2015", render, ext="pdf")
    assert render.calls == 3 and len({a.name, b.name, other.name}) == 3
    assert b"first" in a.read() and b"second" in b.read()
    assert make(render, params={"base_url": "https://a.example/"}) == a


def test_a_dated_document_is_made_again_the_next_day(generated_storage, today_is):
    render = Renderer()
    today_is(date(2026, 12, 7))
    first = make(render, dated=True)
    assert make(render, dated=True) == first and render.calls == 1
    today_is(date(2026, 12, 8))
    assert make(render, dated=True) != first and render.calls == 2


def test_a_caller_version_ignores_bumps(generated_storage):
    """Frozen content (an annual report's snapshot) is its own version."""
    render = Renderer()
    first = make(render, version="snapshot-1")
    pagecache.content_changed()
    assert make(render, version="snapshot-1") == first and render.calls == 1
    assert make(render, version="snapshot-2") != first and render.calls == 2


def test_old_versions_are_pruned(generated_storage):
    render = Renderer()
    made = []
    for n in range(generated.KEEP + 2):
        render.content = f"v{n}"
        made.append(make(render))
        time.sleep(0.02)  # modification times apart
        pagecache.content_changed()
    folder = generated_storage / NAME
    assert len(list(folder.iterdir())) == generated.KEEP
    kept = [doc for doc in made if (generated_storage / doc.name).exists()]
    assert kept == made[-generated.KEEP :]
    # a pruned version asked for again is rendered again, never served half gone
    assert make(render).read() == render.fresh()


def test_two_first_requests_at_once_render_once_and_both_get_the_whole_file(
    generated_storage,
):
    render = Renderer(delay=0.5)
    results = []

    def ask():
        results.append(make(render).read())

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert render.calls == 1
    assert results == [render.fresh(), render.fresh()]


def test_no_marker_no_document_a_half_written_file_is_never_served(generated_storage):
    """The marker is written after the whole file: a file without it is not served."""
    render = Renderer()
    doc = make(render)
    marker = next((generated_storage / NAME).glob("*/*.json"))
    marker.write_text('{"file": ')  # as if caught while being written
    again = make(render)
    assert render.calls == 2 and again.read() == doc.read()


def test_with_the_page_cache_off_every_request_renders(generated_storage, settings):
    settings.PAGE_CACHE_ENABLED = False
    render = Renderer()
    first = make(render)
    assert make(render) == first and render.calls == 2
    assert not (generated_storage / NAME).exists()
    render.content = "second"
    assert make(render).etag != first.etag  # the ETag follows the bytes: never a stale 304


def test_the_response_names_type_file_version_and_caching(generated_storage):
    render = Renderer()
    request = RequestFactory().get("/x.pdf")
    response = generated.serve(
        request,
        NAME,
        render,
        ext="pdf",
        filename="天水市2016年政务公开“成绩单”.pdf",
        content_type="application/pdf",
        inline=True,
    )
    assert response.status_code == 200 and response.content == render.fresh()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "inline; filename=\"2016.pdf\"; filename*=UTF-8''"
        + quote("天水市2016年政务公开“成绩单”.pdf", safe="")
    )
    assert response["Cache-Control"] == "public, no-cache"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"].startswith(f'"v{pagecache.version()}-')
    again = RequestFactory().get("/x.pdf", headers={"if-none-match": response["ETag"]})
    doc = make(render)
    not_modified = generated.respond(again, doc, filename="x.pdf", content_type="application/pdf")
    assert not_modified.status_code == 304 and not_modified["ETag"] == response["ETag"]
    assert render.calls == 1
    download = generated.respond(
        RequestFactory().get("/x.docx"), doc, filename="报告.docx", content_type="x/y"
    )
    assert download["Content-Disposition"].startswith("attachment; ")
