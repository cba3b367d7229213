from .indicators import Indicator, IndicatorKind, SeriousWording
from .media import MediaUpdate
from .sites import Inspection, LinkCheck, Probe, Site, SiteColumnEntry

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
]
