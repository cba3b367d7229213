"""An issue's contents by section, as the print and electronic editions show them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

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
    empty sections are left out. Uses the issue's prefetched ``placements`` and
    ``text_blocks`` when a list of issues prefetched them (``prefetched``)."""
    cache = getattr(issue, "_prefetched_objects_cache", {})
    placements = (
        issue.placements.all()
        if "placements" in cache
        else issue.placements.select_related("section", "item__department", "item__government")
    )
    blocks = (
        issue.text_blocks.all()
        if "text_blocks" in cache
        else issue.text_blocks.select_related("section")
    )
    by_section: dict[int, SectionEntries] = {}
    for p in sorted(placements, key=lambda p: (p.section.sort_order, p.position, p.pk)):
        group = by_section.setdefault(p.section_id, SectionEntries(p.section))
        group.entries.append(Entry("", p.item.title, placement=p))
    for b in sorted(blocks, key=lambda b: (b.section.sort_order, b.position, b.pk)):
        group = by_section.setdefault(b.section_id, SectionEntries(b.section))
        group.entries.append(Entry("", b.title, block=b))
    ordered = sorted(by_section.values(), key=lambda g: (g.section.sort_order, g.section.pk))
    n = 0
    for group in ordered:
        for entry in group.entries:
            n += 1
            entry.anchor = f"doc-{n}"
    return ordered


def prefetched(issues):
    """``issues`` with what ``contents`` reads, in three queries whatever their number."""
    return issues.prefetch_related(
        Prefetch(
            "placements",
            queryset=Placement.objects.select_related(
                "section", "item__department", "item__government"
            ),
        ),
        Prefetch("text_blocks", queryset=TextBlock.objects.select_related("section")),
    )
