from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.regions import County
from portal.scoped_admin import CityScopedSnippetViewSet
from portal.scoping import cities_for, counties_for

from . import views
from .models import ConstructionTarget, MarketFacility, MarketService


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("markets/construction/", views.construction_summary, name="markets_construction_summary"),
        path("markets/construction.xlsx", views.construction_summary_xlsx, name="markets_construction_summary_xlsx"),
    ]


class ConstructionSummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return counties_for(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_construction_menu_item():
    return ConstructionSummaryMenuItem(
        _("零工市场建设统计"), reverse("markets_construction_summary"), icon_name="table", order=310
    )


class ConstructionTargetForm(WagtailAdminModelForm):
    """A target only for the user's own city and its counties."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cities = cities_for(self.for_user)
        self.fields["city"].queryset = cities
        self.fields["county"].queryset = County.objects.filter(city__in=cities)


class ConstructionTargetViewSet(CityScopedSnippetViewSet):
    """Each city's bureau sees and sets only its own city's targets (portal/scoped_admin.py)."""

    model = ConstructionTarget
    icon = "tasks"
    menu_label = _("建设目标")
    list_display = ["__str__", "markets_target", "stations_target", "is_interpretation"]
    list_filter = ["city", "is_interpretation"]
    edit_handler = ObjectList(ConstructionTarget.panels, base_form_class=ConstructionTargetForm)


class MarketServiceViewSet(SnippetViewSet):
    model = MarketService
    icon = "list-ul"
    list_display = ["name", "code", "source"]


class MarketFacilityViewSet(SnippetViewSet):
    model = MarketFacility
    icon = "list-ul"
    list_display = ["name", "code", "source"]


class MarketsAdminGroup(SnippetViewSetGroup):
    menu_label = _("零工市场设置")
    menu_icon = "site"
    menu_order = 320
    items = (ConstructionTargetViewSet, MarketServiceViewSet, MarketFacilityViewSet)


register_snippet(MarketsAdminGroup)
