"""Jobs of cases (办件): deemed acceptance when the 补正 window passed (Art. 32)."""

from django_tasks import task

from gongkai.jobs.registry import scheduled


# Before workdays.mark_overdue (00:05): a case whose 补正 window passed without a
# notice counts as accepted on the day received, so its decision clock is running
# (and overdue, if it is) when the clocks are marked.
@scheduled("2 0 * * *", name="services.deem_accepted")
@task()
def deem_accepted_cases() -> int:
    """Every night at 00:02: cases still 待受理 after their 补正 window are accepted as of
    the day received; returns how many."""
    from .services.cases import deem_overdue_cases

    return deem_overdue_cases()


# After deemed acceptance (00:02) and the clocks' overdue marks (00:05), and every
# hour of the working day so a limit passed or an anomaly found is carded within
# the hour (gongkai.services.services.cards).
@scheduled("10 0,8-18 * * *", name="services.card_sweep")
@task()
def sweep_cards() -> int:
    """电子监察: issue the yellow and red cards due; returns how many were issued."""
    from .services.cards import sweep

    return len(sweep())
