from .indicators import Indicator, IndicatorKind, SeriousWording
from .media import MediaUpdate
from .sites import Inspection, Probe, Site, SiteColumnEntry

__all__ = [
    "Indicator",
    "IndicatorKind",
    "Inspection",
    "MediaUpdate",
    "Probe",
    "SeriousWording",
    "Site",
    "SiteColumnEntry",
]
