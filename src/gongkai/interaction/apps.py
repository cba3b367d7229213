from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = "互动交流"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import public_pages

        public_pages.register()

        from gongkai.api.registry import register_router
        from gongkai.core.figures import register_figures
        from gongkai.demo.registry import register_loader
        from gongkai.portal.columns import register_columns, register_messages
        from gongkai.workbench.sections import Section, register_section
        from gongkai.workbench.todos import register_todos

        from . import calendar_dates, card_figures, indexing, jobs, site_columns  # noqa: F401  (jobs: schedules)
        from .seeding import ensure_reference_data
        from .services.handling import register_extension_rules
        from .staff.todos import todos

        register_columns(site_columns.columns)
        register_messages(site_columns.messages)
        post_migrate.connect(ensure_reference_data, sender=self)
        indexing.register()
        calendar_dates.register()
        register_extension_rules()
        register_todos("interaction", label=self.verbose_name, items=todos)
        register_section(
            Section(
                "interaction",
                label="互动交流",
                order=30,
                urls=(("messages/", "gongkai.interaction.staff.urls"),),
                home="interaction_staff:queue",
            )
        )
        register_loader(
            "interaction",
            "gongkai.interaction.demo.load_messages",
            order=120,
        )
        register_router("gongkai.interaction.api.router", order=60)
        register_figures(
            "interaction", card_figures.card_figures, order=40, years=card_figures.card_years
        )
