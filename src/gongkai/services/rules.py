"""The Administrative Licensing Law's time limits (行政许可法), on the working-day calendar.

Counting follows the kernel's convention (``gongkai.workdays``): the start day is
not counted, day 1 is the first working day after it, so a deadline always falls
on a working day and make-up Saturdays (调休上班日) count.

* Art. 32: an incomplete application gets **one** 补正 (correction notice) listing
  everything missing within 5 working days of receipt; a later notice does not
  stop the application counting as accepted on the day it was received.
* Art. 42: a decision within 20 working days of acceptance (or the item's own
  legal limit); **one** extension of up to 10 working days approved by the head
  of the body, reasons told to the applicant; joint or centralised handling
  (统一办理、联合办理、集中办理) 45 working days, extendable by 15.
* Art. 45: hearings, testing, inspection, quarantine and expert review (特别程序)
  are not counted in these limits (the clock is paused).
* Art. 44: the certificate is issued or delivered within 10 working days of the
  decision.

This is the contract outside checks call: ``decision_due``,
``correction_notice_due``, ``certificate_due`` and ``card``.
"""

from __future__ import annotations

from datetime import date

from gongkai.workdays.engine import add_working_days, working_days_between

CORRECTION_NOTICE_DAYS = 5  # Art. 32 (四)
DECISION_DAYS = 20  # Art. 42
EXTENSION_DAYS = 10  # Art. 42: once, approved by the head of the body
JOINT_DECISION_DAYS = 45  # Art. 42 paragraph 2
JOINT_EXTENSION_DAYS = 15
CERTIFICATE_DAYS = 10  # Art. 44
YELLOW_DAYS = 2  # electronic supervision: default warning margin (per item or department)

GREEN, YELLOW, RED = "green", "yellow", "red"


def decision_due(accepted: date, limit: int = DECISION_DAYS, extended_days: int = 0) -> date:
    """The last day for the decision: ``limit`` working days after acceptance, plus
    an approved extension (whose length the caller has checked against the law)."""
    if limit < 0 or extended_days < 0:
        raise ValueError("limits are whole numbers of working days")
    return add_working_days(accepted, limit + extended_days)


def correction_notice_due(received: date) -> date:
    """The last day to send the one 补正 notice; after it, the application counts
    as accepted on ``received`` (Art. 32)."""
    return add_working_days(received, CORRECTION_NOTICE_DAYS)


def certificate_due(decided: date) -> date:
    """The last day to issue or deliver the certificate (Art. 44)."""
    return add_working_days(decided, CERTIFICATE_DAYS)


def max_extension(limit: int, *, joint: bool = False) -> int:
    """The longest single extension the law allows for a case."""
    return JOINT_EXTENSION_DAYS if joint else EXTENSION_DAYS


def card(due: date, today: date, yellow_days: int = YELLOW_DAYS) -> str:
    """电子监察 (electronic supervision): ``"red"`` once ``today`` is past ``due``,
    ``"yellow"`` when at most ``yellow_days`` working days remain (counting as the
    deadlines do: the working days after today up to and including the due day),
    otherwise ``"green"``."""
    if yellow_days < 0:
        raise ValueError("yellow_days is a number of working days")
    if today > due:
        return RED
    return YELLOW if working_days_between(today, due) <= yellow_days else GREEN
