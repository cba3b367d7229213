from .cases import (
    ApplicantKind,
    Case,
    CaseChannel,
    CaseMaterial,
    CaseSettings,
    CaseState,
    Correction,
    Outcome,
    ProcedureKind,
    SpecialProcedure,
)
from .catalogue import Audience, ItemState, Level, ServiceItem, Theme
from .guides import GuideState, GuideVersion, Material, Medium, Original, Question, Step

__all__ = [
    "ApplicantKind",
    "Audience",
    "Case",
    "CaseChannel",
    "CaseMaterial",
    "CaseSettings",
    "CaseState",
    "Correction",
    "GuideState",
    "GuideVersion",
    "ItemState",
    "Level",
    "Material",
    "Medium",
    "Original",
    "Outcome",
    "ProcedureKind",
    "Question",
    "ServiceItem",
    "SpecialProcedure",
    "Step",
    "Theme",
]
