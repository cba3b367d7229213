from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    label = "publications"
    verbose_name = "政府公报"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section

        from . import card_figures, flow, indexing, public_pages  # noqa: F401 (flow registers)

        public_pages.register()
        indexing.register()
        register_section(
            Section(
                "publications",
                label="政府公报",
                order=55,
                urls=(("gazette/", "gongkai.publications.staff.urls"),),
                home="publications_staff:issues",
            )
        )
        register_loader("publications", "gongkai.publications.demo.load_gazette", order=145)
        register_router("gongkai.publications.api.router", order=85)
        # Before reports.channels (20): both fill 二、公开平台和载体.
        register_figures(
            "publications.gazette",
            card_figures.card_figures,
            order=19,
            years=card_figures.card_years,
        )
