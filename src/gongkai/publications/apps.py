from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    label = "publications"
    verbose_name = "政府公报"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        pass
