from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    label = "proposals"
    verbose_name = "建议提案办理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import indexing

        indexing.register()
