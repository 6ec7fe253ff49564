from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    verbose_name = "办事服务"
