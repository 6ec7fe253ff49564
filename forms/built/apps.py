from django.apps import AppConfig


class BuiltFormsConfig(AppConfig):
    """自建表单: sign-up and registration forms that city and county editors build in the admin."""

    name = "forms.built"
    label = "built_forms"
    verbose_name = "自建表单"
