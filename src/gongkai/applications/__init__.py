"""依申请公开 (disclosure on application): the statutory workflow of an information request.

The rules, by article of the Regulation (条例, Decree 711):

* Art. 31 — receipt date: in person the day submitted; registered post the
  day signed for; online, fax and ordinary letters the day both sides
  confirm (``confirm_receipt``).
* Art. 33 — reply within 20 working days of receipt (``REPLY_LIMIT_DAYS``);
  one extension of at most 20 working days approved by the head of the
  disclosure office; consultations are not counted (the clock pauses).
* Art. 30 — 补正 (correction notice): once, within 7 working days of
  receipt; the reply period restarts from receipt of the correction;
  no correction in time closes the application (其他处理 — 逾期不补正).
* Art. 32/34 — third parties and co-producers have 15 working days.
* Art. 35 — unreasonable volume or frequency: reasons asked, decision recorded.
* Art. 36 — the reply's outcome, from the national taxonomy (``models.taxonomy``).
* Art. 42 and 国办函〔2020〕109号 — fees (``fees``).

Changes go through ``gongkai.applications.services``; the transition table is
``gongkai.applications.flow.FLOW``; Table 三 is ``gongkai.applications.stats``.
"""
