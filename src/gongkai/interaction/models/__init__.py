from .messages import (
    OPEN_STATES,
    Assignment,
    AssignmentRole,
    Message,
    MessageFile,
    MessageState,
    Satisfaction,
    StepKind,
)
from .reference import Channel, ChannelKind, MessageType, RefusalReason, RoutingRule
from .rules import InteractionRules
from .supervision import SupervisionMark, SupervisionPoint

__all__ = [
    "OPEN_STATES",
    "Assignment",
    "AssignmentRole",
    "Channel",
    "ChannelKind",
    "InteractionRules",
    "Message",
    "MessageFile",
    "MessageState",
    "MessageType",
    "RefusalReason",
    "RoutingRule",
    "Satisfaction",
    "StepKind",
    "SupervisionMark",
    "SupervisionPoint",
]
