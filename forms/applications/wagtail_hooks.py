"""The bureau's side: operator organisations (masked phones) and the applications as cases."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.site_summary import SummaryItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

from forms.cases import cases_visible_to
from forms.wagtail_hooks import CasePermissionHelper, HandlingCountyFilter

from . import admin_views, documents, review
from .models import Application, OperatorProfile

CSS = ["forms/admin.css", "applications/css/admin.css"]


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


# --- Applications ---------------------------------------------------------------------------------


class ReviewStatusFilter(SimpleListFilter):
    """The statuses the bureau can see: drafts stay with the operator."""

    title = _("状态")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [choice for choice in Application.Status.choices if choice[0] != Application.Status.DRAFT]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class ApplicationPermissionHelper(CasePermissionHelper):
    def user_can_inspect_obj(self, user, obj):
        return self.user_has_specific_permission(user, "view_application") and review.open_to_bureau(user, obj)


class ApplicationInspectView(InspectView):
    """The case page: the form's data (numbers masked), materials, rules check, history and actions."""

    def dispatch(self, request, *args, **kwargs):
        # Another county's application, or an operator's unsent draft, does not exist for this user.
        if not review.open_to_bureau(request.user, self.instance):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return ["applications/admin/application_inspect.html"]

    def get_page_title(self):
        return _("运营单位申请")

    def post(self, request, *args, **kwargs):
        action_name = request.POST.get("action", "")
        if action_name == "reveal":
            review.reveal(self.instance, request.user)
            return self.render_to_response(self.get_context_data(revealed=True))
        try:
            ok, form = review.perform(self.instance, request.user, action_name, request.POST)
        except PermissionDenied:
            messages.error(request, _("此申请当前状态下不能进行该操作，或您无权进行该操作。"))
            return redirect(self.url_helper.get_action_url("inspect", self.pk_quoted))
        if ok:
            messages.success(request, _("已%(action)s。") % {"action": review.ACTIONS[action_name].label})
            return redirect(self.url_helper.get_action_url("inspect", self.pk_quoted))
        messages.error(request, _("操作未完成，请按提示修改。"))
        self.instance.refresh_from_db()
        return self.render_to_response(self.get_context_data(failed_action=action_name, failed_form=form))

    def get_context_data(self, failed_action=None, failed_form=None, revealed=False, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.instance
        uploads = {}
        for item in application.documents.all():
            uploads.setdefault(item.material_number, []).append(item)
        actions = [
            {
                "action": action,
                "form": failed_form if action.name == failed_action else action.form(prefix=action.name),
                "open": action.name == failed_action,
            }
            for action in review.available_actions(application, self.request.user)
        ]
        context.update(
            application=application,
            spec=application.spec,
            rows=documents.screen_rows(application.spec, application.form_values(masked=not revealed)),
            revealed=revealed,
            materials=[(material, uploads.get(material.number, [])) for material in application.materials],
            events=application.events.select_related("actor"),
            actions=actions,
            can_edit_market_page=self._can_edit_market_page(application),
        )
        return context

    def _can_edit_market_page(self, application):
        page = application.market_page
        return page is not None and page.permissions_for_user(self.request.user).can_edit()


class ApplicationAdmin(ModelAdmin):
    model = Application
    menu_label = _("全部申请")
    menu_icon = "form"
    menu_order = 100
    inspect_view_enabled = True
    inspect_view_class = ApplicationInspectView
    inspect_view_fields = ["receipt_no"]  # the template lays out the form itself, with numbers masked
    permission_helper_class = ApplicationPermissionHelper
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
    list_per_page = 50

    def get_queryset(self, request):
        queryset = super().get_queryset(request).exclude(status=Application.Status.DRAFT)
        return cases_visible_to(request.user, queryset.select_related("handling_county"))

    def receipt_link(self, application):
        url = self.url_helper.get_action_url("inspect", application.pk)
        return format_html('<a href="{}">{}</a>', url, application.receipt_no)

    receipt_link.short_description = _("受理编号")

    def status_badge(self, application):
        css = "primary" if application.status == Application.Status.SUBMITTED else "secondary"
        return format_html('<span class="status-tag {}">{}</span>', css, application.get_status_display())

    status_badge.short_description = _("状态")

    def amount_flag(self, application):
        if not application.amount_differs:
            return ""
        return format_html('<strong class="amount-differs">{}</strong>', _("需核实"))

    amount_flag.short_description = _("金额核对")

    def get_index_view_extra_css(self):
        return CSS

    def get_inspect_view_extra_css(self):
        return CSS


class ApplicationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("applications.view_application")


class ApplicationsGroup(ModelAdminGroup):
    menu_label = _("运营单位申请")
    menu_icon = "form"
    menu_order = 260
    items = (ApplicationAdmin,)

    def get_submenu_items(self):
        index_url = reverse("applications_application_modeladmin_index")
        return super().get_submenu_items() + [
            ApplicationMenuItem(
                label,
                f"{index_url}?form_kind__exact={kind}",
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
        list_url = reverse("applications_application_modeladmin_index")
        return {"count": pending.count(), "url": f"{list_url}?status={Application.Status.SUBMITTED}"}

    def is_shown(self):
        return self.request.user.has_perm("applications.view_application")


@hooks.register("construct_homepage_summary_items")
def add_pending_applications(request, items):
    items.append(PendingApplicationsSummary(request))
