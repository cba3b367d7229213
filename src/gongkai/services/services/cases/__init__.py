"""The actions on cases (办件), one module per use case; see ``gongkai.services.case_flow``."""

from .acceptance import accept, deem_overdue_cases, refuse, request_correction, supply_correction
from .decision import decide, deliver, issue
from .explain import due_views
from .extension import decide_extension, request_extension
from .intake import Submission, find_for_lookup, register_at_counter, submit_online
from .procedures import end_procedure, start_procedure
from .validation import CaseInvalid, clean_applicant

__all__ = [
    "CaseInvalid",
    "Submission",
    "accept",
    "clean_applicant",
    "decide",
    "decide_extension",
    "deem_overdue_cases",
    "deliver",
    "due_views",
    "end_procedure",
    "find_for_lookup",
    "issue",
    "refuse",
    "register_at_counter",
    "request_correction",
    "request_extension",
    "start_procedure",
    "submit_online",
    "supply_correction",
]
