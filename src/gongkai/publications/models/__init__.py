from .bulletin import Board, BulletinIssue
from .distribution import Delivery, Recipient, RecipientKind
from .gazette import Edition, Gazette, Issue, IssueState, Placement, Section, TextBlock

__all__ = [
    "Board",
    "BulletinIssue",
    "Delivery",
    "Edition",
    "Gazette",
    "Issue",
    "IssueState",
    "Placement",
    "Recipient",
    "RecipientKind",
    "Section",
    "TextBlock",
]
