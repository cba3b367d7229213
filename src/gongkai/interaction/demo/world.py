"""The demo world's governments, departments, staff, channels and routing rules."""

from __future__ import annotations

from gongkai.demo import tianshui
from gongkai.orgs.models import Department, Government

from ..models import (
    Channel,
    ChannelKind,
    MessageType,
    RefusalReason,
    RoutingRule,
)
from .texts import CITY_CHANNELS, COUNTY_BOARD_CODE, ROUTING_RULES, SCOPE


class Setting:
    """The demo world's governments, departments, staff, channels and types."""

    def __init__(self):
        from gongkai.accounts.models import User

        self.city = Government.objects.get(code=tianshui.CITY[0])
        self.counties = {
            code: (Government.objects.get(code=code), name, slug)
            for code, name, _full, slug in tianshui.COUNTIES
        }
        depts = {
            d.name: d
            for d in Department.objects.filter(government__path__startswith=self.city.path)
        }
        self.dept: dict[tuple[str, str], Department] = {}
        prefix: dict[int, str] = {}
        for slug, name, *_ in tianshui.CITY_DEPARTMENTS:
            self.dept[(self.city.code, slug)] = depts[name]
            prefix[depts[name].pk] = f"ts_{slug}"
        for code, (_gov, name, cslug) in self.counties.items():
            for slug, suffix, *_ in tianshui.COUNTY_DEPARTMENTS:
                self.dept[(code, slug)] = depts[f"{name}{suffix}"]
                prefix[depts[f"{name}{suffix}"].pk] = f"{cslug}_{slug}"
        names = [f"{p}_handler" for p in prefix.values()] + [
            f"{p}_gkb" for p in prefix.values() if p.endswith("zfb")
        ]
        users = User.objects.in_bulk(names, field_name="username")
        self.handler = {pk: users[f"{p}_handler"] for pk, p in prefix.items()}
        self.office_user = {
            pk: users[f"{p}_gkb"] for pk, p in prefix.items() if f"{p}_gkb" in users
        }
        self.types = {t.code: t for t in MessageType.objects.all()}
        self.reasons = {r.code: r for r in RefusalReason.objects.all()}

    def general_office(self, government: Government) -> Department:
        slug = "szfb" if government.pk == self.city.pk else "zfb"
        return self.dept[(government.code, slug)]


def ensure_channels(setting: Setting) -> list[Channel]:
    """The boards, mailbox and hotline as data; existing channels (by code) are left as they are."""
    channels = []
    city_office = setting.general_office(setting.city)
    scope = SCOPE.format(office=city_office.name)
    for order, (code, name, kind, private, recorded, about) in enumerate(CITY_CHANNELS, 1):
        channel, _ = Channel.objects.get_or_create(
            code=code,
            defaults={
                "government": setting.city,
                "name": name,
                "kind": kind,
                "office": city_office,
                "private_by_nature": private,
                "staff_recorded": recorded,
                "description": f"{about}{scope}",
                "sort_order": order * 10,
            },
        )
        channels.append(channel)
    for order, (gov, name, slug) in enumerate(setting.counties.values(), 1):
        office = setting.general_office(gov)
        head = "区长" if name.endswith("区") else "县长"
        channel, _ = Channel.objects.get_or_create(
            code=COUNTY_BOARD_CODE.format(slug=slug),
            defaults={
                "government": gov,
                "name": f"{name}{head}留言板",
                "kind": ChannelKind.BOARD,
                "office": office,
                "description": f"{name}{head}留言板受理群众对{name}政府及其部门工作的咨询、求助、建议、"
                f"投诉和举报。"
                + SCOPE.format(office=office.name).replace("《市委书记、市长留言板办理工作规定》", "留言板办理工作规定"),
                "sort_order": 100 + order,
            },
        )  # fmt: skip
        channels.append(channel)
    return channels


def ensure_routing_rules(setting: Setting) -> int:
    """The routing rules as data, identified by their keywords; returns how many were added."""
    added = 0
    for order, type_code, keywords, lead, co, note in ROUTING_RULES:
        if RoutingRule.objects.filter(keywords=keywords).exists():
            continue
        rule = RoutingRule.objects.create(
            order=order,
            message_type=setting.types[type_code] if type_code else None,
            keywords=keywords,
            department=setting.dept[(setting.city.code, lead)],
            note=note,
        )
        rule.co_departments.set([setting.dept[(setting.city.code, s)] for s in co])
        added += 1
    return added


# -- planning -------------------------------------------------------------------------------------
