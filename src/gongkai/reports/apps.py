from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section
        from gongkai.workbench.todos import register_todos

        from . import public_pages

        public_pages.register()

        from . import (
            card_figures,
            jobs,  # noqa: F401  (jobs registers the schedules)
        )
        from .staff.todos import todos

        register_todos("reports", label=self.verbose_name, items=todos)
        register_section(
            Section(
                "reports",
                label="年度报告",
                order=60,
                urls=(("reports/", "gongkai.reports.staff.urls"),),
                home="reports_staff:index",
            )
        )
        register_loader(
            "reports",
            "gongkai.reports.demo.load_reports",
            order=150,
        )
        register_figures("reports.channels", card_figures.channels, order=20)
        register_figures("reports.documents", card_figures.documents, order=60)
