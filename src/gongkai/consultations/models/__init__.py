from .consultations import Clause, Consultation, ConsultationFile, Kind, Phase, Round
from .participation import (
    Comment,
    Entry,
    EntryFile,
    FeedbackGroup,
    Moderation,
    Outcome,
    PhoneCode,
    Vote,
)

__all__ = [
    "Clause",
    "Comment",
    "Consultation",
    "ConsultationFile",
    "Entry",
    "EntryFile",
    "FeedbackGroup",
    "Kind",
    "Moderation",
    "Outcome",
    "Phase",
    "PhoneCode",
    "Round",
    "Vote",
]
