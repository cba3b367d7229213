from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    label = "services"
    verbose_name = "政务服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import case_flow, flow  # noqa: F401  (declare the guide and case workflows)
        from .services.cases import extension

        extension.register()
