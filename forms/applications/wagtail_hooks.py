"""The bureau's side: operator organisations (masked phones) and the applications as cases."""

from django.contrib.admin import SimpleListFilter
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.site_summary import SummaryItem
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from forms.cases.admin import CaseAdmin, CaseInspectView, HandlingCountyFilter
from forms.cases.links import case_list_url
from forms.cases.scoping import cases_visible_to
from portal.scoped_admin import CountyScopedSnippetViewSet
from portal.scoping import counties_for

from . import admin_views, documents, review
from .models import Application, OperatorProfile

CSS = ("forms/admin.css", "applications/css/admin.css")


class OperatorProfileForm(WagtailAdminModelForm):
    """An operator only in a county the user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties_for(self.for_user)


class OperatorProfileViewSet(CountyScopedSnippetViewSet):
    """Staff see and change only the operators of the counties they may see (portal/scoped_admin.py)."""

    model = OperatorProfile
    icon = "group"
    menu_label = _("运营单位")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["organisation_name", "uscc", "legal_representative", "county", "masked_phone", "created_at"]
    list_filter = ["county"]
    search_fields = ["organisation_name", "uscc"]
    # The phone is not on the edit form: staff see it masked in the list, the operator sees it in full.
    edit_handler = ObjectList(
        [
            FieldPanel("organisation_name"),
            FieldPanel("uscc", read_only=True),
            FieldPanel("legal_representative"),
            FieldPanel("registered_address"),
            FieldPanel("county"),
        ],
        base_form_class=OperatorProfileForm,
    )


register_snippet(OperatorProfileViewSet)


# --- Applications ---------------------------------------------------------------------------------


class ReviewStatusFilter(SimpleListFilter):
    """The statuses the bureau can see: drafts stay with the operator."""

    title = _("状态")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [choice for choice in Application.Status.choices if choice[0] != Application.Status.DRAFT]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class ApplicationInspectView(CaseInspectView):
    """The case page: the form's data (numbers masked), materials, rules check, history and actions."""

    template = "applications/admin/application_inspect.html"
    title = _("运营单位申请")
    refused_message = _("此申请当前状态下不能进行该操作，或您无权进行该操作。")

    def get_context_data(self, revealed=False, **kwargs):
        context = super().get_context_data(revealed=revealed, **kwargs)
        application = self.instance
        uploads = {}
        for item in application.documents.all():
            uploads.setdefault(item.material_number, []).append(item)
        context.update(
            application=application,
            spec=application.spec,
            rows=documents.screen_rows(application.spec, application.form_values(masked=not revealed)),
            materials=[(material, uploads.get(material.number, [])) for material in application.materials],
            can_edit_market_page=self._can_edit_market_page(application),
        )
        return context

    def _can_edit_market_page(self, application):
        page = application.market_page
        return page is not None and page.permissions_for_user(self.request.user).can_edit()


class ApplicationAdmin(CaseAdmin):
    model = Application
    menu_label = _("全部申请")
    menu_icon = "form"
    menu_order = 100
    inspect_view_class = ApplicationInspectView
    inspect_view_fields = ["receipt_no"]  # the template lays out the form itself, with numbers masked
    workflow = review.APPLICATIONS
    extra_css = CSS
    list_display = (
        "receipt_link",
        "form_kind",
        "organisation_name",
        "market_name",
        "handling_county",
        "status_badge",
        "amount_flag",
        "submitted_at",
    )
    list_filter = ("form_kind", ReviewStatusFilter, HandlingCountyFilter, "submitted_at")
    search_fields = ("receipt_no", "organisation_name")
    ordering = ["-submitted_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status=Application.Status.DRAFT)

    def status_badge(self, application):
        css = "primary" if application.status == Application.Status.SUBMITTED else "secondary"
        return self.badge(css, application.get_status_display())

    status_badge.short_description = _("状态")

    def amount_flag(self, application):
        if not application.amount_differs:
            return ""
        return format_html('<strong class="amount-differs">{}</strong>', _("需核实"))

    amount_flag.short_description = _("金额核对")


class ApplicationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("applications.view_application")


class ApplicationsGroup(ModelAdminGroup):
    menu_label = _("运营单位申请")
    menu_icon = "form"
    menu_order = 260
    items = (ApplicationAdmin,)

    def get_submenu_items(self):
        return super().get_submenu_items() + [
            ApplicationMenuItem(
                label,
                case_list_url(Application, f"form_kind__exact={kind}"),
                name=f"applications-{kind}",
                icon_name="form",
                order=order,
            )
            for order, (kind, label) in enumerate(Application.FormKind.choices, start=110)
        ]


modeladmin_register(ApplicationsGroup)


@hooks.register("register_admin_urls")
def register_application_urls():
    return [path("applications/document/<int:pk>/", admin_views.document, name="applications_document")]


class PendingApplicationsSummary(SummaryItem):
    """Dashboard: how many applications of the reviewer's counties await review."""

    order = 250
    template_name = "applications/admin/pending_summary.html"

    def get_context_data(self, parent_context):
        pending = cases_visible_to(self.request.user, Application.objects.filter(status=Application.Status.SUBMITTED))
        url = case_list_url(Application, f"status={Application.Status.SUBMITTED}")
        return {"count": pending.count(), "url": url}

    def is_shown(self):
        return self.request.user.has_perm("applications.view_application")


@hooks.register("construct_homepage_summary_items")
def add_pending_applications(request, items):
    items.append(PendingApplicationsSummary(request))
