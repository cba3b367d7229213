from django.apps import AppConfig


class NumberingConfig(AppConfig):
    name = "gongkai.numbering"
    label = "numbering"
    verbose_name = "编号"
