from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    label = "services"
    verbose_name = "政务服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section

        from . import (
            card_figures,
            case_flow,  # noqa: F401  (declares the case workflow)
            flow,  # noqa: F401  (declares the guide workflow)
            indexing,
            jobs,  # noqa: F401  (the schedules)
            public_pages,
        )
        from .services.cases import extension

        extension.register()
        # 政务服务 in the workbench: the cases (the daily work, so the home) and the
        # guide editor, one section.
        register_section(
            Section(
                "services",
                label="政务服务",
                order=47,
                urls=(
                    ("services/cases/", "gongkai.services.staff_cases.urls"),
                    ("services/cards/", "gongkai.services.staff_cards.urls"),
                    ("services/", "gongkai.services.staff.urls"),
                ),
                home="services_cases:queue",
                menu_action="services.view",
            )
        )
        register_loader("services", "gongkai.services.demo.load_services", order=147)
        register_router("gongkai.services.api.router", order=86)
        register_router("gongkai.services.api.cases.router", order=95)
        register_figures(
            "services", card_figures.card_figures, order=75, years=card_figures.card_years
        )
        public_pages.register()
        indexing.register()
        # 好差评: named 差评 waiting for the call or the rectification
        from gongkai.workbench.todos import register_todos

        from .staff_cases import rating_todos

        register_todos("services.ratings", label="好差评", items=rating_todos.todos)
