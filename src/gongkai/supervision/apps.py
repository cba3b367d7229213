from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "督查考核"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section

        from . import jobs  # noqa: F401 (the schedule)

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
