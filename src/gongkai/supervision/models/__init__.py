from .indicators import Indicator, IndicatorKind, SeriousWording
from .sites import Inspection, Probe, Site, SiteColumnEntry

__all__ = [
    "Indicator",
    "IndicatorKind",
    "Inspection",
    "Probe",
    "SeriousWording",
    "Site",
    "SiteColumnEntry",
]
