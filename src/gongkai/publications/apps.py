from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_sections_if_empty(sender, *, apps=None, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: put back the gazette's sections of migration 0002 when
    the table is empty, e.g. after a test database is flushed. Never touches existing rows."""
    from importlib import import_module

    if using != "default":
        return
    if apps is None:  # ``flush`` sends the signal without the migration state
        from django.apps import apps
    try:
        section_model = apps.get_model("publications", "Section")
    except LookupError:
        return
    if not section_model.objects.exists():
        import_module("gongkai.publications.migrations.0002_sections").add(apps, None)


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    label = "publications"
    verbose_name = "政府公报"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(
            seed_sections_if_empty, sender=self, dispatch_uid="publications.seed_sections"
        )
        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section
        from gongkai.workbench.todos import register_todos

        from . import card_figures, flow, indexing, public_pages  # noqa: F401 (flow registers)

        public_pages.register()
        indexing.register()
        from .staff.todos import todos

        register_todos("publications", label="政府公报", items=todos)
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
