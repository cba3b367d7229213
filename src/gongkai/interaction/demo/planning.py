"""Planning the year: one ``Plan`` per message, and what happens to it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.demo import tianshui
from gongkai.orgs.models import Department, Government
from gongkai.workdays import is_working_day

from ..models import (
    Channel,
    Satisfaction,
)
from .constants import BULLETIN_MONTH, ORDINARY_COUNT, TYPE_WEIGHTS, TYPES, YEAR
from .texts import (
    CITY_STREETS,
    COMMUNITIES,
    COMPANIES,
    COUNTY_SLUG,
    COUNTY_STREETS,
    GREETING,
    HELD_REFUSED,
    HELD_RELEASED,
    MISROUTES,
    REFUSALS,
    SCHOOLS,
    TOWNS,
    VILLAGES,
    T,
)
from .world import Setting


@dataclass
class Plan:
    """One message and what happens to it."""

    n: int
    channel: Channel
    type_code: str
    on: date
    subject: str
    text: str
    place: Government | None
    writer: tuple[str, str]
    wants_public: bool
    lead: Department | None = None
    co: list[Department] = field(default_factory=list)
    reply: str = ""
    company: str = ""
    held: str = ""  # "" | "release" | "refuse" | "open"
    refusal: str = ""  # RefusalReason code
    duplicate_of: int | None = None  # plan number of the original
    misroute: tuple[Department, str] | None = None  # (wrong department, its reason)
    co_opinion: bool = False
    extension: str = ""  # "" | "approved" | "rejected"
    returned: bool = False
    late: int = 0  # working days after the due date that the reply is approved
    late_sign: bool = False
    rating: str = ""  # Satisfaction value, "" = never rated (closed by the job)
    callback: bool = False
    second_rating: str = ""
    publish: bool = True  # the office's choice where publication is allowed
    stop: str = ""  # "" | "triage" | "assigned" | "handling" | "reply_review": open at the end
    identity_visible: bool = False  # the office shows a 举报's writer to the department

    @property
    def open_at_end(self) -> bool:
        """Still open when the play ends (held for a person, or stopped at a step)."""
        return bool(self.stop) or self.held == "open"


def _any_day(rng: random.Random, first: date, last: date, working: bool = False) -> date:
    while True:
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        if not working or is_working_day(day):
            return day


def _wd_before(day: date, n: int) -> date:
    while n > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


class Planner:
    def __init__(
        self,
        setting: Setting,
        channels: list[Channel],
        rng: random.Random,
        ordinary: int = ORDINARY_COUNT,
    ):
        self.s = setting
        self.ordinary = ordinary
        self.channels = channels
        self.rng = rng
        self.plans: list[Plan] = []
        self.writers = 0

    # words
    def _writer(self) -> tuple[str, str]:
        self.writers += 1
        name = self.rng.choice(tianshui.SURNAMES) + self.rng.choice(tianshui.GIVEN_NAMES)
        return name, f"138000{self.writers * 37 % 100000:05d}"

    def _words(self, *, place: Government | None, writer, on: date, company: str) -> dict:
        """One set of words for a message's subject and text (the same street in both)."""
        rng = self.rng
        place_name = place.name if place else rng.choice(list(TOWNS))
        streets = CITY_STREETS if place_name in ("秦州区", "麦积区") else COUNTY_STREETS
        street, community = rng.choice(streets), rng.choice(COMMUNITIES)
        plate = "甘E·" + "".join(rng.choice("0123456789") for _ in range(4)) + rng.choice("ABCDK")
        return {
            "place": place_name,
            "town": rng.choice(TOWNS[place_name]),
            "village": rng.choice(VILLAGES),
            "street": street,
            "community": community,
            "addr": f"{place_name}{street}{community}{rng.randint(1, 24)}号楼{rng.randint(1, 6)}单元"
            f"{rng.randint(1, 7)}0{rng.randint(1, 4)}室",
            "name": writer[0],
            "phone": writer[1],
            "plate": plate,
            "school": f"{place_name.removesuffix('回族自治县')}{rng.choice(SCHOOLS)}",
            "company": company,
            "money": str(rng.randint(3, 40) * 1000),
            "n": rng.randint(3, 25),
            "month": on.month,
            "day": max(1, on.day - rng.randint(0, 5)),
            "age": rng.randint(45, 58),
            "area": rng.randint(60, 140),
        }

    def _county_of(self, channel: Channel) -> str | None:
        return None if channel.government_id == self.s.city.pk else channel.government.code

    def _dept(self, channel: Channel, slug: str) -> Department | None:
        county = self._county_of(channel)
        if county is None:
            return self.s.dept[(self.s.city.code, slug)]
        mapped = COUNTY_SLUG.get(slug)
        return self.s.dept[(county, mapped)] if mapped else None

    def _templates(self, channel: Channel, type_code: str, on: date):
        fits = [
            t
            for t in T[type_code]
            if self._dept(channel, t[0]) is not None and (t[5] is None or on.month in t[5])
        ]
        return fits or [t for t in T[type_code] if self._dept(channel, t[0]) is not None]

    def _on(self, channel: Channel, first: date, last: date) -> date:
        return _any_day(self.rng, first, last, working=channel.staff_recorded)

    def plan(
        self,
        channel: Channel,
        type_code: str,
        *,
        on: date | None = None,
        template=None,
        **kw,
    ) -> Plan:
        rng = self.rng
        on = on or self._on(channel, date(YEAR, 1, 1), date(YEAR, 12, 20))
        slug, co_slugs, subject, text, reply, _months = template or rng.choice(
            self._templates(channel, type_code, on)
        )
        if channel.government_id == self.s.city.pk:
            place = rng.choice([None, *(g for g, _n, _s in self.s.counties.values())])
            if place is None or place.name in ("秦州区", "麦积区"):
                place = place or rng.choice(
                    [g for g, n, _s in self.s.counties.values() if n in ("秦州区", "麦积区")]
                )
        else:
            place = channel.government
        writer = kw.pop("writer", None) or self._writer()
        company = rng.choice(COMPANIES)
        words = self._words(place=place, writer=writer, on=on, company=company)
        subject = subject.format(**words)[:60]
        body = text.format(**words)
        greeting = GREETING.get(channel.code) or (
            "" if channel.staff_recorded else f"{channel.name.removesuffix('留言板')}您好！"
        )
        body = f"来电人反映：{body}" if channel.staff_recorded else f"{greeting}{body}"
        lead = self._dept(channel, slug)
        co = [d for d in (self._dept(channel, s) for s in co_slugs) if d and d != lead]
        rating = rng.choices(
            [Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED, ""],
            [46, 26, 5, 23],
        )[0]
        p = Plan(
            n=len(self.plans),
            channel=channel,
            type_code=type_code,
            on=on,
            subject=subject,
            text=body,
            place=place,
            writer=writer,
            wants_public=rng.random() < (0.5 if channel.staff_recorded else 0.82),
            lead=lead,
            co=co if rng.random() < 0.5 else [],
            reply=reply,
            company=company if "{company}" in text else "",
            returned=rng.random() < 0.08,
            late=rng.choice([1, 2, 3, 5, 8]) if rng.random() < 0.07 else 0,
            late_sign=rng.random() < 0.03,
            rating=rating,
            callback=bool(rating) and rng.random() < (0.6 if channel.staff_recorded else 0.15),
            second_rating=rng.choice(["satisfied", "basically", "basically", "unsatisfied", ""]),
            publish=rng.random() > 0.03,
        )
        p.co_opinion = bool(p.co)
        for key, value in kw.items():
            setattr(p, key, value)
        self.plans.append(p)
        return p

    def special(self, channel: Channel, type_code: str, subject: str, text: str, on: date, **kw):
        """A scripted message with its own words (refusals, held messages)."""
        writer = self._writer()
        company = self.rng.choice(COMPANIES)
        place = channel.government if channel.government_id != self.s.city.pk else None
        words = self._words(place=place, writer=writer, on=on, company=company)
        words["n"] = self.rng.randint(1000, 9999)
        p = Plan(
            n=len(self.plans),
            channel=channel,
            type_code=type_code,
            on=on,
            subject=subject.format(**words),
            text=text.format(**words),
            place=place,
            writer=writer,
            wants_public=True,
            **kw,
        )
        self.plans.append(p)
        return p

    def all(self) -> list[Plan]:
        rng = self.rng
        boards = [c for c in self.channels if not c.staff_recorded]
        city = {c.code: c for c in self.channels}
        # One message per channel and type, then the year's ordinary messages.
        for channel in self.channels:
            for type_code in TYPES:
                self.plan(channel, type_code)
        weights = [
            {"ts-secretary-board": 20, "ts-mayor-board": 30, "ts-mayor-mailbox": 11,
             "ts-mayor-hotline": 13}.get(c.code, 3)
            for c in self.channels
        ]  # fmt: skip
        for _ in range(self.ordinary):
            channel = rng.choices(self.channels, weights)[0]
            self.plan(channel, rng.choices(TYPES, TYPE_WEIGHTS)[0])
        ordinary = list(self.plans)
        # Held for a person: links only or repeated text; released, or refused.
        for i, (subject, text, slug, reply) in enumerate(HELD_RELEASED):
            channel = boards[i % 2]
            self.special(channel, "complain", subject, text,
                             _any_day(rng, date(YEAR, 3, 1), date(YEAR, 10, 31)), held="release",
                             lead=self._dept(channel, slug), reply=reply, rating="satisfied")  # fmt: skip
        for i, (subject, text, reason) in enumerate(HELD_REFUSED):
            self.special(boards[i % 3], "consult", subject, text,
                         _any_day(rng, date(YEAR, 2, 1), date(YEAR, 11, 30)), held="refuse",
                         refusal=reason)  # fmt: skip
        # A refusal for each reason of the acceptance scope (twice).
        for i, (reason, subject, text) in enumerate(REFUSALS):
            channel = self.channels[i % len(self.channels)]
            self.special(channel, rng.choice(["consult", "help", "complain"]), subject, text,
                         self._on(channel, date(YEAR, 1, 10), date(YEAR, 12, 10)), refusal=reason)  # fmt: skip
        # Duplicates merged into the original (the same writer again, or a neighbour).
        originals = [
            p for p in ordinary
            if p.type_code in ("complain", "help") and not p.channel.private_by_nature
            and not p.channel.staff_recorded and p.on.month < 12
        ]  # fmt: skip
        for original in rng.sample(originals, 8):
            writer = original.writer if rng.random() < 0.6 else None
            on = original.on + timedelta(days=rng.randint(2, 10))
            dup = self.plan(original.channel, original.type_code, on=on, writer=writer,
                            duplicate_of=original.n)  # fmt: skip
            dup.subject, dup.text = (
                original.subject,
                original.text.replace(original.writer[1], dup.writer[1]),
            )
        # Misrouted: the first department returns it, the office assigns it again.
        for right, wrong, reason in MISROUTES:
            channel = city[rng.choice(["ts-mayor-board", "ts-secretary-board", "ts-mayor-hotline"])]
            templates = [t for ts in T.values() for t in ts if t[0] == right]
            template = rng.choice(templates)
            type_code = next(k for k, ts in T.items() if template in ts)
            self.plan(channel, type_code, template=template,
                      misroute=(self.s.dept[(self.s.city.code, wrong)], reason))  # fmt: skip
        # Extensions: approved four times, refused twice (then replied late).
        for i in range(6):
            channel = rng.choice(self.channels)
            self.plan(channel, rng.choice(["complain", "report", "help"]),
                      extension="approved" if i < 4 else "rejected", late=0 if i < 5 else 3)  # fmt: skip
        # 督办专报 of BULLETIN_MONTH: replies overdue then, and messages still 不满意 then
        # after re-handling (the second rating is the one that stays).
        year, month = BULLETIN_MONTH
        start = date(year, month, 1)
        for i in range(4):
            channel = rng.choice([city["ts-mayor-board"], city["ts-secretary-board"], *boards[4:]])
            on = _any_day(rng, start - timedelta(days=7), start + timedelta(days=10))
            self.plan(channel, "consult" if i % 2 else "help", on=on, late=rng.choice([2, 4, 6]))
        for _ in range(3):
            channel = rng.choice(boards)
            on = _any_day(rng, start - timedelta(days=12), start - timedelta(days=3))
            self.plan(channel, "consult", on=on, rating=Satisfaction.UNSATISFIED, callback=False,
                      second_rating=Satisfaction.UNSATISFIED)  # fmt: skip
        # One 举报 whose writer the office lets the department see.
        self.plan(city["ts-mayor-board"], "report", identity_visible=True)
        # Open at the end of the year (and at the demo's today).
        for stop, first, last, count in [
            ("triage", date(YEAR, 12, 29), date(YEAR, 12, 31), 2),
            ("assigned", date(YEAR, 12, 22), date(YEAR, 12, 27), 2),
            ("handling", date(YEAR, 11, 28), date(YEAR, 12, 16), 4),
            ("reply_review", date(YEAR, 12, 12), date(YEAR, 12, 20), 1),
        ]:
            for _ in range(count):
                channel = rng.choice(self.channels)
                self.plan(channel, rng.choice(TYPES), on=self._on(channel, first, last), stop=stop)
        self.special(boards[0], "complain", "请看链接", "http://weibo.example.com/{n} 求转发",
                     date(YEAR, 12, 30), held="open")  # fmt: skip
        return sorted(self.plans, key=lambda p: (p.on, p.n))


# -- playing the year -----------------------------------------------------------------------------
