from django.apps import AppConfig
from django.db.models.signals import post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "站内搜索"

    def ready(self):
        from wagtail.documents import get_document_model

        from .documents import store_document_text

        post_save.connect(store_document_text, sender=get_document_model(), dispatch_uid="search-document-text")
