"""Nothing personal is ever stored by the whole-page cache (gongkai.core.pagecache):
every public page with a form, a receipt, a lookup or a citizen's own case is
answered live, however often it is asked for."""

import pytest
from django.urls import reverse

from gongkai.consultations.tests.helpers import live
from gongkai.interaction.tests.helpers import mayor_board

pytestmark = pytest.mark.django_db


def personal_pages(world):
    board = mayor_board(world)
    consultation = live(world)
    return [
        reverse("applications_portal:apply"),
        reverse("applications_portal:lookup"),
        reverse("applications_portal:receipt"),
        reverse("applications_portal:status"),
        reverse("interaction_portal:write", args=[board.code]),
        reverse("interaction_portal:lookup"),
        reverse("interaction_portal:receipt"),
        reverse("interaction_portal:status"),
        consultation.get_public_url(),  # open for comments: the form is on the page
        reverse("consultations_portal:comment", args=[consultation.pk]),
    ]


def test_pages_with_forms_or_a_citizen_s_own_case_are_never_stored(client, world):
    from django.core.cache import caches

    for url in personal_pages(world):
        for _ in range(2):
            response = client.get(url)
            assert "X-Page-Cache" not in response, url
            client.cookies.clear()
    assert not [key for key in caches["pages"]._cache if ":page:" in key]


def test_a_public_page_is_stored_so_the_check_above_can_fail(client, world):
    from django.core.cache import caches

    client.get(reverse("interaction_portal:board"))
    assert client.get(reverse("interaction_portal:board"))["X-Page-Cache"] == "hit"
    assert [key for key in caches["pages"]._cache if ":page:" in key]
