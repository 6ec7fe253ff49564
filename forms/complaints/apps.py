from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    """投诉建议: complaints, feedback, progress look-up, satisfaction surveys and Open311.

    Its label stays ``forms`` (the label it had when it was the whole ``forms`` folder), so tables, migrations,
    content types and permissions are unchanged.
    """

    name = "forms.complaints"
    label = "forms"
    verbose_name = "投诉建议"
