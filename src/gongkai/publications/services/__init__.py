from .compiling import HigherLevel, item_numbered, place, suggestions, unplace, write_text
from .distributing import copies_in_year, copies_of, distribute
from .publishing import create_issue, publish, send_back, submit

__all__ = [
    "HigherLevel",
    "copies_in_year",
    "copies_of",
    "create_issue",
    "distribute",
    "item_numbered",
    "place",
    "publish",
    "send_back",
    "submit",
    "suggestions",
    "unplace",
    "write_text",
]
