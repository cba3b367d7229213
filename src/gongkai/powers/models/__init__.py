from .adjustments import Adjustment, AdjustmentItem, AdjustmentKind
from .powers import Accountability, LegalBasis, Level, Power, Responsibility
from .types import BodyCode, PowerListRules, PowerType, PublicationPeriod

__all__ = [
    "Accountability",
    "Adjustment",
    "AdjustmentItem",
    "AdjustmentKind",
    "BodyCode",
    "LegalBasis",
    "Level",
    "Power",
    "PowerListRules",
    "PowerType",
    "PublicationPeriod",
    "Responsibility",
]
