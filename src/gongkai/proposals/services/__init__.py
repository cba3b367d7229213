"""Every change to sessions and items, as verb-named functions taking the acting person.

* importing — ``read_items``, ``import_items`` (XLSX with a row-by-row report)
* correcting — ``correct_text`` (更正 of the imported text before the reply is sent)
* assigning — ``assign`` (交办 to lead and co-handling units, deadlines) and
  ``reassign`` (改办: the office moves a misassigned item to other units)
* handling — ``give_co_opinion``, ``submit_reply``, ``return_reply``, ``approve_reply``
* satisfaction — ``record_satisfaction`` (不满意 reopens for re-handling)
* visits — ``record_visit``, ``publish_visit`` (现场督办 as a news draft for review)

Refusals raise ``DomainError`` (a Chinese sentence) or ``PermissionDenied``.
"""

from .assigning import assign, reassign
from .correcting import correct_text
from .deadlines import add_months, co_opinion_due, reply_due
from .handling import approve_reply, give_co_opinion, return_reply, submit_reply
from .importing import ImportReport, import_items, read_items
from .satisfaction import record_satisfaction
from .sessions import create_session
from .visits import publish_visit, record_visit

__all__ = [
    "ImportReport",
    "add_months",
    "approve_reply",
    "assign",
    "co_opinion_due",
    "correct_text",
    "create_session",
    "give_co_opinion",
    "import_items",
    "publish_visit",
    "read_items",
    "reassign",
    "record_satisfaction",
    "record_visit",
    "reply_due",
    "return_reply",
    "submit_reply",
]
