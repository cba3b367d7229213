from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "督查考核"
    default_auto_field = "django.db.models.BigAutoField"
