from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "forms.applications"
    label = "applications"
    verbose_name = "运营单位与申请"
