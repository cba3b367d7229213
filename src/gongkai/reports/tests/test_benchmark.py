"""``benchmarks.reports`` runs at a tiny size: it generates its world, finds annual_report
and its hand-written SQL giving the same figures, and prints the ratios (timings unasserted)."""

from gongkai.applications.models import Application, Challenge
from gongkai.disclosure.models import InformationItem


def test_the_benchmark_runs_at_a_tiny_size(db, capsys):
    from benchmarks.reports import CASE_PREFIX, ITEM_PREFIX, PREFIX, run

    figures = run(500, 5, 2, 1)
    assert set(figures) == {"government", "agency", "documents"}
    for scope in ("government", "agency"):
        assert figures[scope]["ratio"] > 0 and figures[scope]["queries"] >= 3
        assert figures[scope]["data"]["checks"] == []
    assert set(figures["documents"]) == {"pdf", "docx", "xlsx"}
    out = capsys.readouterr().out
    assert "500 applications over 5 agencies" in out and "same figures both ways" in out
    assert Application.objects.filter(tracking_number__startswith=PREFIX).count() == 550
    assert Challenge.objects.filter(case_number__startswith=CASE_PREFIX).exists()
    assert InformationItem.objects.filter(title__startswith=ITEM_PREFIX).count() == 22
