from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_reference_data_if_empty(sender, *, apps=None, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: put back the rows of migration 0002 (the national
    power types, the publication periods) when their tables are empty, e.g. after
    test databases are flushed. Never touches existing rows."""
    from importlib import import_module

    if using != "default":
        return
    if apps is None:  # ``flush`` sends the signal without the migration state
        from django.apps import apps
    try:
        apps.get_model("powers", "PowerType")
    except LookupError:
        return
    import_module("gongkai.powers.migrations.0002_reference_data").seed(apps, None)


class PowersConfig(AppConfig):
    name = "gongkai.powers"
    label = "powers"
    verbose_name = "权责清单"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.workbench.sections import Section, register_section

        from . import card_figures, indexing, indexing_decisions, jobs, public_pages  # noqa: F401 (jobs: schedules)

        register_section(
            Section(
                "powers",
                label="权责清单",
                order=45,
                urls=(("powers/", "gongkai.powers.staff.urls"),),
                home="powers_staff:list",
            )
        )
        register_router("gongkai.powers.api.router", order=85)
        register_loader(
            "powers",
            "gongkai.powers.demo.load_powers",
            order=145,
            jobs=(("gongkai.powers.jobs.index_powers_job", "权责清单检索索引"),),
        )
        register_figures(
            "powers", card_figures.card_figures, order=70, years=card_figures.card_years
        )

        public_pages.register()
        indexing.register()
        indexing_decisions.register()
        post_migrate.connect(
            seed_reference_data_if_empty, sender=self, dispatch_uid="powers.reference_data"
        )

        from .enforcement_setup import ready as enforcement_ready

        enforcement_ready(self)
