from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    label = "services"
    verbose_name = "政务服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.api.registry import register_router
        from gongkai.workbench.sections import Section, register_section

        from . import case_flow, flow, jobs  # noqa: F401  (the workflows; jobs: the schedules)
        from .services.cases import extension

        extension.register()
        register_router("gongkai.services.api.cases.router", order=95)
        # 政务服务 in the workbench: the cases now; the guide editor joins the same section.
        register_section(
            Section(
                "services",
                label="政务服务",
                order=75,
                urls=(("services/cases/", "gongkai.services.staff_cases.urls"),),
                home="services_cases:queue",
                menu_action="services.view_case",
            )
        )
