"""The bureau's list of operator organisations; phone numbers appear masked."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OperatorProfile


class OperatorProfileViewSet(SnippetViewSet):
    model = OperatorProfile
    icon = "group"
    menu_label = _("运营单位")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["organisation_name", "uscc", "legal_representative", "county", "masked_phone", "created_at"]
    list_filter = ["county"]
    search_fields = ["organisation_name", "uscc"]
    # The phone is not on the edit form: staff see it masked in the list, the operator sees it in full.
    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("uscc", read_only=True),
        FieldPanel("legal_representative"),
        FieldPanel("registered_address"),
        FieldPanel("county"),
    ]


register_snippet(OperatorProfileViewSet)
