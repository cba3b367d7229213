from .indicators import Indicator, IndicatorKind, SeriousWording
from .media import MediaUpdate
from .sites import Inspection, LinkCheck, Probe, Site, SiteColumnEntry
from .tasks import Task, TaskReport, TaskState, WorkPlan

__all__ = [
    "Indicator",
    "IndicatorKind",
    "Inspection",
    "LinkCheck",
    "MediaUpdate",
    "Probe",
    "SeriousWording",
    "Site",
    "SiteColumnEntry",
    "Task",
    "TaskReport",
    "TaskState",
    "WorkPlan",
]
