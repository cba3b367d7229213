"""交办 suggestions from the routing rules (type × subject keywords × place; first match wins)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Message, RoutingRule


@dataclass(frozen=True)
class Suggestion:
    rule: RoutingRule | None
    lead: object | None
    co: list = field(default_factory=list)


def suggest(message: Message) -> Suggestion:
    """The first active rule matching the message, in rule order; no rule → no suggestion."""
    text = f"{message.subject}\n{message.text}"
    rules = (
        RoutingRule.objects.filter(active=True).select_related("department").order_by("order", "id")
    )
    for rule in rules:
        if rule.matches(
            message_type_id=message.message_type_id, text=text, place_id=message.place_id
        ):
            return Suggestion(rule, rule.department, list(rule.co_departments.all()))
    return Suggestion(None, None, [])
