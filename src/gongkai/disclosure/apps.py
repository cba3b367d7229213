from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_reference_data_if_empty(sender, *, apps=None, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: put back the reference rows of migration 0002
    (subjects, genres, content categories, key areas) when the tables are empty,
    e.g. after test databases are flushed. Never touches existing rows."""
    from importlib import import_module

    if using != "default":
        return
    if apps is None:  # ``flush`` sends the signal without the migration state
        from django.apps import apps
    try:
        subject_model = apps.get_model("disclosure", "SubjectCategory")
    except LookupError:
        return
    if not subject_model.objects.exists():
        import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    label = "disclosure"
    verbose_name = "主动公开"

    def ready(self):
        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section

        from . import public_pages

        public_pages.register()

        from . import card_figures, indexing

        post_migrate.connect(
            seed_reference_data_if_empty, sender=self, dispatch_uid="disclosure.reference_data"
        )
        indexing.register()
        from gongkai.portal.columns import register_columns, register_outside_links

        from . import site_columns

        register_columns(site_columns.columns)
        register_outside_links(site_columns.outside_links)
        register_section(
            Section(
                "disclosure",
                label="主动公开",
                order=10,
                urls=(
                    ("disclosure/import/", "gongkai.disclosure.urls_import"),
                    ("disclosure/", "gongkai.disclosure.urls_workbench"),
                ),
                home="disclosure:items",
            )
        )
        register_loader(
            "disclosure",
            "gongkai.disclosure.demo.load_disclosure",
            order=100,
        )
        register_router("gongkai.disclosure.api.router", order=30)
        register_figures(
            "disclosure.key_areas", card_figures.key_areas, order=10, years=card_figures.card_years
        )
        register_figures("disclosure.interpretations", card_figures.interpretations, order=90)
