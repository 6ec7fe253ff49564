from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "forms.assessments"
    label = "assessments"
    verbose_name = "年度考核"
