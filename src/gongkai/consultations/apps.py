from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = "意见征集"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section
        from gongkai.workbench.todos import register_todos

        from . import public_pages

        public_pages.register()

        from . import card_figures, indexing
        from .staff.todos import todos

        indexing.register()
        register_todos("consultations", label=self.verbose_name, items=todos)
        register_section(
            Section(
                "consultations",
                label="意见征集",
                order=50,
                urls=(("consultations/", "gongkai.consultations.staff.urls"),),
                home="consultations_staff:index",
            )
        )
        register_loader(
            "consultations",
            "gongkai.consultations.demo.load_consultations",
            order=130,
        )
        register_router("gongkai.consultations.api.router", order=70)
        register_figures(
            "consultations", card_figures.card_figures, order=50, years=card_figures.card_years
        )
