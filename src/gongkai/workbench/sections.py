"""The workbench's sections, contributed by the modules that own them.

The workbench names no module. A module registers its section in its
``AppConfig.ready()``::

    from gongkai.workbench.sections import Section, register_section

    register_section(
        Section(
            "applications",
            label="依申请公开",
            order=30,
            urls=(("applications/", "gongkai.applications.staff.urls"),),
            home="applications_staff:queue",
            card=home_card,  # optional: (user, today, department) -> dict | None
            card_template="applications/staff/_home_card.html",
        )
    )

``urls`` are mounted under ``/workbench/`` in the order given (each URLconf
module has its ``app_name``: its namespace under ``workbench:``); ``home`` is
the menu link, relative to ``workbench:``; the menu marks the section as the
current page when the page's namespaces include the namespace of ``home``.
``card`` adds a card to 我的工作: it answers the context of ``card_template``
(rendered with ``card`` holding that context), or None to show nothing.
Sections appear in the menu in ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    order: int
    urls: tuple[tuple[str, str], ...]
    home: str
    card: Callable | None = field(default=None, compare=False)
    card_template: str = ""
    # An access action (``gongkai.access.policy.RULES``): the menu shows the section only
    # to people who hold a role that may take it somewhere (none: to everyone).
    menu_action: str = ""

    @property
    def namespace(self) -> str:
        return self.home.split(":", 1)[0]

    @property
    def url(self) -> str:
        return reverse(f"workbench:{self.home}")


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    if section.card is not None and not section.card_template:
        raise ValueError(f"Section {section.key!r} has a card but no card_template")
    _SECTIONS[section.key] = section
    return section


def unregister_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def registered_sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def home_cards(user, today, department) -> list[dict]:
    """The cards of 我的工作 for ``user`` in their post at ``department``, in menu order."""
    cards = []
    for section in registered_sections():
        if section.card is None:
            continue
        context = section.card(user, today, department)
        if context is not None:
            cards.append({"section": section, "template": section.card_template, **context})
    return cards
