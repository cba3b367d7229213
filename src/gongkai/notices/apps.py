from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "gongkai.notices"
    label = "notices"
    verbose_name = "通知"
