from .indicators import Indicator, IndicatorKind, SeriousWording

__all__ = ["Indicator", "IndicatorKind", "SeriousWording"]
