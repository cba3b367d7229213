from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section
        from gongkai.workbench.todos import register_todos

        from . import calendar_dates, card_figures, jobs  # noqa: F401  (jobs: the schedules)
        from .services.extension import register as register_extensions
        from .staff.card import home_card
        from .staff.todos import todos

        calendar_dates.register()
        register_extensions()
        register_todos("applications", label=self.verbose_name, items=todos)
        register_section(
            Section(
                "applications",
                label="依申请公开",
                order=20,
                urls=(("applications/", "gongkai.applications.staff.urls"),),
                home="applications_staff:queue",
                card=home_card,
                card_template="applications/staff/_home_card.html",
            )
        )
        register_loader(
            "applications",
            "gongkai.applications.demo.load_applications",
            order=110,
            jobs=(("gongkai.applications.jobs.render_notice_files", "告知书文件"),),
        )
        register_router("gongkai.applications.api_stats.router", order=40)
        register_router("gongkai.applications.api.router", order=50)
        register_figures(
            "applications", card_figures.card_figures, order=30, years=card_figures.card_years
        )
