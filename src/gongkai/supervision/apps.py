from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "督查考核"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section

        from . import card_figures, jobs, public_pages  # noqa: F401 (jobs: the schedules)

        public_pages.register()

        register_section(
            Section(
                "supervision",
                label="督查考核",
                order=90,
                urls=(("supervision/", "gongkai.supervision.staff.urls"),),
                home="supervision_staff:tasks",
                menu_action="supervision.view_task",
            )
        )
        register_loader("supervision", "gongkai.supervision.demo.load_supervision", order=148)
        register_figures(
            "supervision", card_figures.card_figures, order=21, years=card_figures.card_years
        )
