"""Addresses of the bureau's case lists and case pages, for links in pages and e-mails.

wagtail-modeladmin names its URLs ``<app label>_<model name>_modeladmin_<action>``; this is the one place that
knows it (importing modeladmin's own helpers here would load models too early for the e-mails' modules).
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.urls import reverse


def _url_name(model, action):
    return f"{model._meta.app_label}_{model._meta.model_name}_modeladmin_{action}"


def case_list_url(model, query=""):
    """The bureau's list of ``model``'s cases, with an optional query string (``status=submitted``)."""
    url = reverse(_url_name(model, "index"))
    return f"{url}?{query}" if query else url


def case_page_url(case):
    return reverse(_url_name(type(case), "inspect"), args=[quote(case.pk)])


def absolute_url(path):
    """``path`` on the portal's own address, for links in e-mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
