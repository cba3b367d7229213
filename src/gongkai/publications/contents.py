"""An issue's contents by section, as the print and electronic editions show them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Issue, Placement, Section, TextBlock


@dataclass
class Entry:
    anchor: str  # "doc-<n>": the print edition's link target
    title: str
    placement: Placement | None = None
    block: TextBlock | None = None

    @property
    def item(self):
        return self.placement.item if self.placement else None


@dataclass
class SectionEntries:
    section: Section
    entries: list[Entry] = field(default_factory=list)


def contents(issue: Issue) -> list[SectionEntries]:
    """The issue's sections in order, each with its documents and texts in order;
    empty sections are left out."""
    by_section: dict[int, SectionEntries] = {}
    placements = issue.placements.select_related(
        "section", "item__department", "item__government"
    ).order_by("section__sort_order", "position", "pk")
    blocks = issue.text_blocks.select_related("section").order_by(
        "section__sort_order", "position", "pk"
    )
    for p in placements:
        group = by_section.setdefault(p.section_id, SectionEntries(p.section))
        group.entries.append(Entry("", p.item.title, placement=p))
    for b in blocks:
        group = by_section.setdefault(b.section_id, SectionEntries(b.section))
        group.entries.append(Entry("", b.title, block=b))
    ordered = sorted(by_section.values(), key=lambda g: (g.section.sort_order, g.section.pk))
    n = 0
    for group in ordered:
        for entry in group.entries:
            n += 1
            entry.anchor = f"doc-{n}"
    return ordered
