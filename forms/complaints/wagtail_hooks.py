"""The bureau's side: case list and case page (modeladmin), data lists, the State Council's
holidays (a snippet under 投诉建议), the Open311 clients' api_keys (open311_admin.py), dashboard panels."""

from django.contrib.admin import SimpleListFilter
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

from forms.cases.admin import (
    CaseAdmin,
    CaseInspectView,
    HandlingCountyFilter,
    ScopedInstanceViewsMixin,
)
from forms.cases.links import case_list_url, case_page_url
from forms.cases.official_calendar import OfficialCalendarYear
from forms.cases.scoping import cases_visible_to
from forms.cases.working_days import add_working_days, year_to_enter
from portal.scoping import can_see_county

from . import admin_views
from .open311_admin import Open311ClientViewSet
from .records import CaseTimeLimits, Category, Complaint, ReplyTemplate, SurveyResponse
from .workflow import COMPLAINTS

DEADLINE_BADGES = {"overdue": ("danger", _("已超期")), "due_soon": ("warn", _("即将超期"))}


class DeadlineFilter(SimpleListFilter):
    title = _("时限")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("已超期")), ("due_soon", _("即将超期（含已超期）"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        open_cases = queryset.exclude(status__in=Complaint.FINAL_STATUSES)
        overdue = open_cases.filter(close_due__lt=today) | open_cases.filter(
            status=Complaint.Status.NEW, acknowledge_due__lt=today
        )
        if self.value() == "overdue":
            return overdue
        if self.value() == "due_soon":
            limit = add_working_days(today, CaseTimeLimits.load().warn_days)
            return overdue | open_cases.filter(close_due__lte=limit)
        return queryset


class ComplaintInspectView(CaseInspectView):
    """The case page: details, contact in full, attachments, history and the actions."""

    template = "forms/admin/complaint_inspect.html"
    title = _("投诉建议件")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.instance
        context.update(
            case=case,
            events=case.events.select_related("actor", "county"),
            attachments=case.attachments.all(),
            deadline=DEADLINE_BADGES.get(case.deadline_state()),
            calendar_note=weekday_estimate_note(case.deadline_unknown_years()),
            reply_templates=ReplyTemplate.objects.all(),
        )
        return context


def weekday_estimate_note(years):
    """The case page's note when the due dates were counted Monday to Friday in ``years``."""
    if not years:
        return ""
    listed = "、".join(_("%(year)s年") % {"year": year} for year in years)
    return _("办理时限按周一至周五推算：%(years)s法定节假日尚未公布，公布后请核对。") % {"years": listed}


class ComplaintAdmin(CaseAdmin):
    model = Complaint
    menu_label = _("投诉建议件")
    menu_icon = "mail"
    menu_order = 100
    inspect_view_class = ComplaintInspectView
    workflow = COMPLAINTS
    extra_css = ("forms/admin.css",)
    list_display = (
        "receipt_link",
        "kind",
        "category",
        "handling_county",
        "status_badge",
        "deadline_badge",
        "close_due",
        "contact",
        "submitted_at",
    )
    list_filter = ("status", "kind", "category", HandlingCountyFilter, "market", DeadlineFilter)
    search_fields = ("receipt_no",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category")

    def status_badge(self, case):
        return self.badge("primary" if case.is_open else "secondary", case.get_status_display())

    status_badge.short_description = _("状态")

    def deadline_badge(self, case):
        """已超期 / 即将超期 stand out; every other row says where it stands, so the column never reads "-"."""
        if not case.is_open:
            return _("已办结")
        badge = DEADLINE_BADGES.get(case.deadline_state(limits=self._limits()))
        if badge is None:
            return _("未超期")
        css = "deadline-overdue" if badge[0] == "danger" else "deadline-soon"
        return format_html('<strong class="{}">{}</strong>', css, badge[1])

    deadline_badge.short_description = _("时限")

    def _limits(self):
        if not hasattr(self, "_cached_limits"):
            self._cached_limits = CaseTimeLimits.load()
        return self._cached_limits

    def contact(self, case):
        return case.masked_contact

    contact.short_description = _("联系方式")


class CategoryAdmin(ModelAdmin):
    model = Category
    menu_label = _("投诉类别")
    menu_icon = "tag"
    list_display = ("name", "sort_order", "active")


class ReplyTemplateAdmin(ModelAdmin):
    model = ReplyTemplate
    menu_label = _("答复模板")
    menu_icon = "doc-full"
    list_display = ("title", "sort_order")


def survey_visible_to(user, response):
    return can_see_county(user, response.market.county)


class SurveyPermissionHelper(PermissionHelper):
    """Survey answers are read, never written, in the admin, and only of the user's counties' markets."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_inspect_obj(self, user, obj):
        return super().user_can_inspect_obj(user, obj) and survey_visible_to(user, obj)

    def user_can_delete_obj(self, user, obj):
        return super().user_can_delete_obj(user, obj) and survey_visible_to(user, obj)


class SurveyInspectView(InspectView):
    def dispatch(self, request, *args, **kwargs):
        # Another county's market's answers do not exist as far as this user is concerned.
        if not survey_visible_to(request.user, self.instance):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SurveyResponseAdmin(ScopedInstanceViewsMixin, ModelAdmin):
    model = SurveyResponse
    menu_label = _("满意度调查")
    menu_icon = "list-ul"
    permission_helper_class = SurveyPermissionHelper
    list_display = ("market", "respondent", "environment", "process", "result", "submitted_at")
    list_filter = ("respondent",)
    inspect_view_enabled = True
    inspect_view_class = SurveyInspectView

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("market")
        return cases_visible_to(request.user, queryset, county_field="market__county")


class OfficialCalendarViewSet(SnippetViewSet):
    """法定节假日安排: national, so not scoped to a city; city administrators edit it."""

    model = OfficialCalendarYear
    icon = "date"
    menu_label = _("法定节假日安排")
    list_display = ["year", "notice_title", "notice_number", "notice_date", "updated_at"]
    ordering = ["-year"]


calendar_viewset = OfficialCalendarViewSet()
register_snippet(calendar_viewset)
open311_client_viewset = Open311ClientViewSet()


@hooks.register("register_admin_viewset")
def register_open311_clients():
    return open311_client_viewset


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with one of ``actions`` on the viewset's model."""

    def __init__(self, *args, viewset, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewset = viewset
        self.actions = actions

    def is_shown(self, request):
        return self.viewset.permission_policy.user_has_any_permission(request.user, self.actions)


class ComplaintsGroup(ModelAdminGroup):
    menu_label = _("投诉建议")
    menu_icon = "mail"
    menu_order = 250
    items = (ComplaintAdmin, SurveyResponseAdmin, CategoryAdmin, ReplyTemplateAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            PermissionMenuItem(
                calendar_viewset.menu_label,
                reverse(calendar_viewset.get_url_name("list")),
                icon_name=calendar_viewset.icon,
                order=800,
                viewset=calendar_viewset,
                actions=["add", "change", "delete", "view"],
            )
        )
        items.append(
            PermissionMenuItem(
                open311_client_viewset.menu_label,
                reverse(open311_client_viewset.get_url_name("index")),
                icon_name=open311_client_viewset.icon,
                order=850,
                viewset=open311_client_viewset,
                actions=["add", "change", "view"],
            )
        )
        items.append(
            MenuItem(
                _("统计与导出"),
                reverse("forms_statistics"),
                icon_name="table",
                order=900,
            )
        )
        return items


modeladmin_register(ComplaintsGroup)


@hooks.register("register_admin_urls")
def register_case_urls():
    return [
        path("complaints/attachment/<int:pk>/", admin_views.attachment, name="forms_attachment"),
        path("complaints/statistics/", admin_views.statistics, name="forms_statistics"),
    ]


class DeadlinePanel(Component):
    """Dashboard: the user's overdue and nearly overdue cases."""

    name = "complaint_deadlines"
    order = 50
    template_name = "forms/admin/deadline_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        limits = CaseTimeLimits.load()
        open_cases = (
            cases_visible_to(self.user, Complaint.objects.exclude(status__in=Complaint.FINAL_STATUSES))
            .select_related("handling_county", "category")
            .order_by("close_due")
        )
        warn_until = add_working_days(timezone.localdate(), limits.warn_days)
        candidates = [case for case in open_cases.filter(close_due__lte=warn_until)] + [
            case for case in open_cases.filter(close_due__gt=warn_until, status=Complaint.Status.NEW)
        ]
        flagged = [
            (case, DEADLINE_BADGES[state], case_page_url(case))
            for case in candidates
            if (state := case.deadline_state(limits))
        ]
        return {
            "overdue": [item for item in flagged if item[1][0] == "danger"],
            "due_soon": [item for item in flagged if item[1][0] == "warn"],
            "not_accepted": open_cases.filter(status=Complaint.Status.NEW).count(),
            "new_status": Complaint.Status.NEW,
            "list_url": case_list_url(Complaint),
        }


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    if request.user.has_perm("forms.view_complaint"):
        panels.append(DeadlinePanel(request.user))


class CalendarPanel(Component):
    """Dashboard, from December: next year's holidays are neither entered nor in the package."""

    name = "official_calendar"
    order = 40
    template_name = "forms/admin/calendar_panel.html"

    def __init__(self, year):
        self.year = year

    def get_context_data(self, parent_context):
        return {"year": self.year, "add_url": reverse(calendar_viewset.get_url_name("add"))}


@hooks.register("construct_homepage_panels")
def add_calendar_panel(request, panels):
    if not calendar_viewset.permission_policy.user_has_permission(request.user, "add"):
        return
    year = year_to_enter(timezone.localdate())
    if year is not None:
        panels.append(CalendarPanel(year))
