from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    label = "proposals"
    verbose_name = "建议提案办理"
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
        register_todos("proposals", label="建议提案", items=todos)
        register_section(
            Section(
                "proposals",
                label="建议提案",
                order=40,
                urls=(("proposals/", "gongkai.proposals.staff.urls"),),
                home="proposals_staff:items",
            )
        )
        register_loader(
            "proposals",
            "gongkai.proposals.demo.load_proposals",
            order=140,
        )
        register_router("gongkai.proposals.api.router", order=80)
        register_figures(
            "proposals", card_figures.card_figures, order=80, years=card_figures.card_years
        )
