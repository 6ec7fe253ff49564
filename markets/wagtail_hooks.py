from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.inputs import RowChoiceField
from portal.regions import County
from portal.scoped_admin import CityScopedSnippetViewSet, CountyScopedSnippetViewSet
from portal.scoping import cities_for, counties_for

from . import views
from .models import ConstructionTarget, MarketFacility, MarketPage, MarketService, MarketStarRating, MarketTrade


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
    list_display = [
        "__str__",
        "markets_target",
        "stations_target",
        BooleanColumn("is_interpretation", label=_("属于理解或推定")),
    ]
    list_filter = ["city", "is_interpretation"]
    edit_handler = ObjectList(ConstructionTarget.panels, base_form_class=ConstructionTargetForm)


class MarketServiceViewSet(SnippetViewSet):
    model = MarketService
    icon = "list-ul"
    list_display = ["name", "source"]  # the code (in filter addresses) is on the edit form


class MarketFacilityViewSet(SnippetViewSet):
    model = MarketFacility
    icon = "list-ul"
    list_display = ["name", "source"]  # the code (in filter addresses) is on the edit form


class MarketTradeViewSet(SnippetViewSet):
    """职业（工种）: the bureau's list of trades markets choose from (the policies name none)."""

    model = MarketTrade
    icon = "list-ul"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]), FieldPanel("source")]
    )


class MarketsAdminGroup(SnippetViewSetGroup):
    menu_label = _("零工市场设置")
    menu_icon = "site"
    menu_order = 320
    items = (ConstructionTargetViewSet, MarketServiceViewSet, MarketFacilityViewSet, MarketTradeViewSet)


register_snippet(MarketsAdminGroup)


class StarRatingForm(WagtailAdminModelForm):
    """A rating only for a market of the user's own counties; once recorded, it stays with its market."""

    class Meta:
        field_classes = {"market": RowChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        market = self.fields["market"]
        market.queryset = MarketPage.objects.filter(county__in=counties_for(self.for_user)).order_by(
            "county__city__sort_order", "county__sort_order", "title"
        )
        market.empty_label = _("请选择")
        market.disabled = self.instance.pk is not None


class StarRatingViewSet(CountyScopedSnippetViewSet):
    """星级认定: the bureau's record of the stars awarded, each county's staff their county's, city staff their
    city's (portal/scoped_admin.py). The annual assessment records its awards here by itself."""

    model = MarketStarRating
    county_field = "market__county"
    icon = "pick"
    menu_label = _("星级认定")
    menu_order = 315
    add_to_admin_menu = True
    list_display = [
        Column("market", label=_("零工市场（驿站）")),
        Column("county", label=_("县（市、区）"), accessor="market.county.name"),
        "year",
        "stars",
        "official_title",
        "source",
        "awarded_on",
    ]
    list_filter = ["year", "stars"]
    search_fields = ["market__title"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("market", widget=forms.Select),
            FieldRowPanel([FieldPanel("year"), FieldPanel("stars")]),
            FieldPanel("official_title"),
            FieldRowPanel([FieldPanel("awarded_on"), FieldPanel("source")]),
        ],
        base_form_class=StarRatingForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("market__county")


register_snippet(StarRatingViewSet)
