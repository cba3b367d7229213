from .catalogue import Audience, ItemState, Level, ServiceItem, Theme
from .guides import GuideState, GuideVersion, Material, Medium, Original, Question, Step

__all__ = [
    "Audience",
    "GuideState",
    "GuideVersion",
    "ItemState",
    "Level",
    "Material",
    "Medium",
    "Original",
    "Question",
    "ServiceItem",
    "Step",
    "Theme",
]
