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
from .credit import (
    COMPANY_CATEGORIES,
    PRACTITIONER_CATEGORIES,
    Company,
    CompanyKind,
    CreditRecord,
    Practitioner,
    RecordCategory,
)
from .decisions import Decision, DecisionKind, DisplayPeriod, PartyType, Severity
from .enforcement import (
    BodyKind,
    EnforcementBody,
    InspectionItem,
    Officer,
    OfficerStatus,
)
from .lists import CATEGORIES, EntryChange, ListDocument, ListEntry, ListKind
from .officer_imports import OfficerImport

__all__ += [
    "CATEGORIES",
    "COMPANY_CATEGORIES",
    "PRACTITIONER_CATEGORIES",
    "BodyKind",
    "Company",
    "CompanyKind",
    "CreditRecord",
    "Decision",
    "DecisionKind",
    "DisplayPeriod",
    "EnforcementBody",
    "EntryChange",
    "InspectionItem",
    "ListDocument",
    "ListEntry",
    "ListKind",
    "Officer",
    "OfficerImport",
    "OfficerStatus",
    "PartyType",
    "Practitioner",
    "RecordCategory",
    "Severity",
]
