"""What of the annual reports the public sees, for the whole-page cache
(``gongkai.core.pagecache``): a report once approved (its page, the report card)."""

from gongkai.core.pagecache import watch

from .models import AnnualReport, ReportState


def register() -> None:
    watch(AnnualReport, when=lambda report: report.state == ReportState.APPROVED)
