from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "gongkai.files"
    label = "files"
    verbose_name = "附件"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
