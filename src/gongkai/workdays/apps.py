"""工作日与时限"""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    label = "workdays"
    verbose_name = "工作日与时限"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from . import engine
        from .seeding import seed_if_empty

        request_started.connect(engine.request_started, dispatch_uid="workdays.request_started")
        request_finished.connect(engine.request_finished, dispatch_uid="workdays.request_finished")
        # Refill an empty calendar from chinese-calendar after `migrate` and after
        # test databases are flushed; never touches a calendar that has any year.
        post_migrate.connect(seed_if_empty, sender=self, dispatch_uid="workdays.seed_if_empty")
