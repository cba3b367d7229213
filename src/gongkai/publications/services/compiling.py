"""Compiling an issue: suggested catalogue items, placing items, the issue's own texts.

Only items the public can read (``InformationItem.objects.public()``: published,
主动公开) can be placed. An item of the gazette's own government can be placed
freely; one of a higher-level government (an ancestor in ``gongkai.orgs``) only once
the compiler acknowledges the warning (``HigherLevel``), since a city gazette is
expected to carry its own government's documents; any other government's is refused.
An item sits in at most one issue of a gazette.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.disclosure.models import InformationItem

from ..models import Issue, IssueState, Placement, Section, TextBlock

# The catalogue's genre of the gazette's own announcement (《…公报》第N期): never placed.
GAZETTE_GENRE = "公报"


class HigherLevel(DomainError):
    """The item is a higher-level government's: placing it needs an acknowledgement."""

    def __init__(self, item: InformationItem, gazette):
        super().__init__(
            f"《{item.title}》是{item.government.full_name or item.government.name}的文件，"
            f"不是{gazette.government.name}本级的文件。政府公报应主要刊登本级政府及其部门的文件；"
            "确需刊登上级文件的，请确认后再加入。",
            code="higher_level",
        )
        self.item = item


def _editable(issue: Issue, actor) -> None:
    access.require(actor, "gazette.compile", issue)
    if issue.state != IssueState.DRAFT:
        raise DomainError("只有编辑中的期次可以修改内容。", code="not_draft")


def placed_elsewhere(issue: Issue):
    """Items already placed in another issue of the same gazette."""
    return Placement.objects.filter(issue__gazette_id=issue.gazette_id).exclude(issue=issue)


def suggestions(
    issue: Issue, start: date, end: date, *, item_types=(), genres=()
) -> list[InformationItem]:
    """Public catalogue items of the gazette's government published from ``start`` to
    ``end`` (Beijing dates), of the chosen types and genres (all when none is chosen),
    in no issue of the gazette yet, oldest first."""
    items = (
        InformationItem.objects.public()
        .filter(
            government_id=issue.gazette.government_id,
            published_at__date__gte=start,
            published_at__date__lte=end,
        )
        .exclude(genre__name=GAZETTE_GENRE)
        .exclude(pk__in=Placement.objects.filter(issue__gazette_id=issue.gazette_id).values("item"))
        .select_related("department", "genre")
        .order_by("published_at", "pk")
    )
    if item_types:
        items = items.filter(item_type__in=item_types)
    if genres:
        items = items.filter(genre__name__in=genres)
    return list(items)


def item_numbered(index_number: str) -> InformationItem:
    """The catalogue item of a 索引号 (a refusal when there is none)."""
    item = InformationItem.objects.filter(index_number=index_number.strip()).first()
    if item is None:
        raise DomainError(
            f"目录中没有索引号为“{index_number.strip()[:80]}”的信息。", code="invalid"
        )
    return item


def is_higher_level(item: InformationItem, gazette) -> bool:
    own = gazette.government
    return item.government_id != own.pk and own.path.startswith(item.government.path)


def place(
    issue: Issue, item: InformationItem, section: Section, *, actor, acknowledge=False
) -> Placement:
    """Place a published item in ``section`` of ``issue``, after the section's last one."""
    _editable(issue, actor)
    gazette = issue.gazette
    if section.holds_text:
        raise DomainError(f"“{section.name}”栏目由本期编写，不刊登目录中的文件。")
    if not InformationItem.objects.public().filter(pk=item.pk).exists():
        raise DomainError(
            f"《{item.title}》不是已发布的主动公开信息（当前状态：{item.get_state_display()}），"
            "不能刊登。",
            code="not_published",
        )
    higher = is_higher_level(item, gazette)
    if item.government_id != gazette.government_id and not higher:
        raise DomainError(
            f"《{item.title}》不是{gazette.government.name}或其上级政府的文件，不能刊登。",
            code="other_government",
        )
    if higher and not acknowledge:
        raise HigherLevel(item, gazette)
    if placed_elsewhere(issue).filter(item=item).exists():
        raise DomainError(f"《{item.title}》已在本公报的其他期次刊登。", code="placed_elsewhere")
    if issue.placements.filter(item=item).exists():
        raise DomainError(f"《{item.title}》已在本期中。", code="placed")
    with transaction.atomic():
        last = issue.placements.filter(section=section).aggregate(m=Max("position"))["m"]
        placement = Placement.objects.create(
            issue=issue,
            section=section,
            item=item,
            position=(last or 0) + 1,
            higher_level=higher,
            acknowledged_by=actor if higher else None,
        )
        record(
            "publications.issue.place",
            actor=actor,
            obj=issue,
            after={"item": item.pk, "section": section.code, "higher_level": higher},
        )
    return placement


def unplace(placement: Placement, *, actor) -> None:
    _editable(placement.issue, actor)
    with transaction.atomic():
        record(
            "publications.issue.unplace",
            actor=actor,
            obj=placement.issue,
            before={"item": placement.item_id},
        )
        placement.delete()


def write_text(issue: Issue, section: Section, title: str, text: str, *, actor) -> TextBlock:
    """Add a text the issue compiles itself (政府大事记, 发文要目)."""
    _editable(issue, actor)
    if not section.holds_text:
        raise DomainError(f"“{section.name}”栏目刊登目录中的文件，不能直接编写。")
    if not title.strip() or not text.strip():
        raise DomainError("请填写标题和正文。", code="invalid")
    last = issue.text_blocks.filter(section=section).aggregate(m=Max("position"))["m"]
    block = TextBlock.objects.create(
        issue=issue,
        section=section,
        title=title.strip(),
        text=text.strip(),
        position=(last or 0) + 1,
    )
    record("publications.issue.write_text", actor=actor, obj=issue, after={"title": block.title})
    return block
