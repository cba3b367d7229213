from django.apps import AppConfig, apps


class JobsConfig(AppConfig):
    name = "gongkai.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        # django-tasks-db's admin section (task results, failed jobs among
        # them) otherwise reads "Tasks Database Backend".
        if apps.is_installed("django_tasks_db"):
            apps.get_app_config("django_tasks_database").verbose_name = "后台任务队列"
