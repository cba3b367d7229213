"""Where each figure of the report card comes from: the modules' public lists.

The portal shows one site's government and the governments under it. The
catalogue (公开目录) and the normative library filter by year, kind, key area
and 所属地区 (``gov``: a government and those under it), which a county's card
adds. The message board (published messages) and the consultations list filter
by year; proposals link to the year's session; the applications' figures link
to the public statistics endpoint, which takes the government and the year.
Every link is a page that exists.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from gongkai.portal.site import site_government

APPLICATION_STATISTICS = "/api/v1/applications/statistics"


def _with(path: str, **params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


class Links:
    def __init__(self, government, year: int):
        self.government = government
        self.year = year
        site = site_government()
        self.exact = site is not None and site.pk == government.pk

    # -- 政府信息公开 ----------------------------------------------------------------
    @property
    def _gov(self) -> str:
        """The catalogue's 所属地区 filter, needed unless the card is the site's own."""
        return "" if self.exact else self.government.code

    def catalogue(self, *, key_area: str = "", type: str = "") -> str:
        return _with(
            reverse("xxgk:catalogue"), gov=self._gov, year=self.year, key_area=key_area, type=type
        )

    def normative(self, kind: str, *, repealed: bool = False, valid: bool = False) -> str:
        """The normative-document library: issued ones by publication year; repealed and
        valid ones by their validity (the library has no filter by the day it changed)."""
        url = reverse("xxgk:normative")
        if repealed:
            return _with(url, gov=self._gov, type=kind, validity="repealed")
        if valid:
            return _with(url, gov=self._gov, type=kind, validity="valid")
        return _with(url, gov=self._gov, type=kind, year=self.year)

    # -- other modules ---------------------------------------------------------------
    def application_statistics(self) -> str:
        return _with(APPLICATION_STATISTICS, government=self.government.code, year=self.year)

    def board(self) -> str:
        """The board's published messages written in the year (the card counts every one)."""
        return _with(reverse("interaction_portal:board"), year=self.year)

    def consultations(self, kind: str = "") -> str:
        return _with(reverse("consultations_portal:index"), kind=kind, year=self.year)

    def consultation(self, pk: int) -> str:
        return reverse("consultations_portal:detail", args=[pk])

    def proposals(self, sessions=None) -> str:
        if sessions is not None and len(sessions) == 1:
            return reverse("proposals_portal:session", args=[sessions[0].pk])
        return reverse("proposals_portal:index")

    def annual_report(self) -> str | None:
        """The government's published annual report (年度报告) of the year, if any."""
        from ..portal.views import public_reports

        pk = (
            public_reports()
            .filter(government=self.government, year=self.year)
            .values_list("pk", flat=True)
            .first()
        )
        return reverse("reports_portal:detail", args=[pk]) if pk else None
