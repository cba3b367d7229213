from .bulletin import Board, BulletinIssue
from .distribution import Delivery, Recipient, RecipientKind
from .gazette import Edition, Gazette, Issue, IssueState, Placement, Section, TextBlock
from .opinion import OpinionLevel, ResponseLimit

__all__ = [
    "Board",
    "BulletinIssue",
    "Delivery",
    "Edition",
    "Gazette",
    "Issue",
    "IssueState",
    "OpinionLevel",
    "Placement",
    "Recipient",
    "RecipientKind",
    "ResponseLimit",
    "Section",
    "TextBlock",
]
