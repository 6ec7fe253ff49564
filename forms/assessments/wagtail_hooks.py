"""The bureau's side of the annual assessment: the rounds (a snippet each city's bureau keeps for its own city) and
the assessments as cases (list and case page, modeladmin), under one menu group 年度考核.

County staff hold no permission on rounds (portal/roles.py): they neither see nor open them, and work from the
case list, whose round filter offers the rounds of their city."""

from django.contrib.admin import SimpleListFilter
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from forms.cases.admin import CaseAdmin, CaseInspectView, HandlingCountyFilter
from forms.cases.links import case_list_url, case_page_url
from portal.scoped_admin import CityScopedSnippetViewSet
from portal.scoping import cities_for, counties_for

from . import admin_views, dashboard, publicity_admin, rounds, statistics_views, views
from .admin_forms import AssessmentRoundForm, interpretation_badge
from .models import Assessment, AssessmentRound
from .publicity_admin import ObjectionAdmin
from .scoring import STAR_NUMERALS
from .workflow import ASSESSMENTS

CSS = ("forms/admin.css", "applications/css/admin.css")
S = Assessment.Status

# --- Rounds ---------------------------------------------------------------------------------------


def proposed_round(user, query):
    """A new round filled with the proposed dates of ``?city=`` (or the user's only city) and ``?year=``."""
    cities = cities_for(user)
    city = cities.filter(slug=query.get("city", "")).first() or (cities.first() if cities.count() == 1 else None)
    year = requested_year(query.get("year", ""))
    round_ = AssessmentRound(year=year)
    if city is not None and city.slug in rounds.SCORING_DEADLINES:
        round_.city = city
        for name, value in rounds.proposed_dates(city.slug, year).items():
            setattr(round_, name, value)
    return round_


def requested_year(text):
    year = int(text) if text.isdigit() else 0
    return year if 2020 <= year <= 2100 else timezone.localdate().year


def window_is_open(round_, day=None):
    day = day or timezone.localdate()
    return round_.opens_on <= day <= round_.closes_on


class AssessmentRoundCreateView(CreateView):
    """The add form starts from the proposed dates; a round whose window is already open is announced at once."""

    def get_initial_form_instance(self):
        return proposed_round(self.request.user, self.request.GET)

    def save_instance(self):
        round_ = super().save_instance()
        if window_is_open(round_):
            rounds.announce(round_)
        return round_


def submission_window(round_):
    return f"{round_.opens_on:%Y-%m-%d} 至 {round_.closes_on:%Y-%m-%d}"


def scoring_deadline(round_):
    basis = interpretation_badge(round_.scoring_due_basis) if round_.scoring_due_is_interpretation else None
    return format_html(
        '{}<br><span class="help">{}</span>', f"{round_.scoring_due:%Y-%m-%d}", basis or round_.scoring_due_basis
    )


def assessments_by_status(round_):
    return format_html_join(
        mark_safe("<br>"),
        '<a href="{}">{}</a> {}',
        (
            (case_list_url(Assessment, f"round={round_.pk}&status={status}"), label, count)
            for status, label, count in admin_views.status_counts(round_)
        ),
    )


class AssessmentRoundViewSet(CityScopedSnippetViewSet):
    """Each city's bureau sees, opens and changes only its own city's rounds (portal/scoped_admin.py)."""

    model = AssessmentRound
    icon = "date"
    menu_label = _("年度考核")
    add_view_class = AssessmentRoundCreateView
    list_display = [
        "__str__",
        Column("window", label=_("运营单位报送时间"), accessor=submission_window),
        Column("scoring_due", label=_("县级考核完成时限"), accessor=scoring_deadline),
        Column("eligible", label=_("参加考核的市场（驿站）"), accessor=admin_views.eligible_count),
        Column("assessments", label=_("考核材料"), accessor=assessments_by_status),
        "announced_at",
    ]
    list_filter = ["city", "year"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("city"), FieldPanel("year"), FieldPanel("reference_date")]),
            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("考核期")),
            FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("运营单位报送")),
            MultiFieldPanel(
                [
                    FieldPanel("scoring_due"),
                    FieldPanel("scoring_due_basis"),
                    FieldPanel("scoring_due_is_interpretation"),
                ],
                heading=_("县级考核完成时限"),
            ),
        ],
        base_form_class=AssessmentRoundForm,
    )


round_viewset = AssessmentRoundViewSet()
register_snippet(round_viewset)


# --- Assessments as cases -------------------------------------------------------------------------


class BureauStatusFilter(SimpleListFilter):
    """The statuses the bureau can see: drafts stay with the operator."""

    title = _("状态")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [choice for choice in S.choices if choice[0] != S.DRAFT]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class RoundFilter(SimpleListFilter):
    """The rounds of the cities whose counties the user may see."""

    title = _("考核年度")
    parameter_name = "round"

    def lookups(self, request, model_admin):
        cities = counties_for(request.user).values("city")
        return [(str(round_.pk), str(round_)) for round_ in AssessmentRound.objects.filter(city__in=cities)]

    def queryset(self, request, queryset):
        return queryset.filter(round=self.value()) if self.value() else queryset


class AssessmentInspectView(CaseInspectView):
    """The case page: the items with the operator's and the experts' scores, the roster, the result, the actions."""

    template = "assessments/admin/assessment_inspect.html"
    title = _("年度考核材料")
    refused_message = _("此考核材料当前状态下不能进行该操作，或您无权进行该操作。")

    def get_context_data(self, revealed=False, **kwargs):
        context = super().get_context_data(revealed=revealed, **kwargs)
        assessment = self.instance
        score_action = take_action(context["actions"], "score")
        context.update(
            assessment=assessment,
            score_action=score_action,
            table=admin_views.item_table(assessment, score_action["form"] if score_action else None),
            roster=admin_views.roster(assessment, revealed),
            honours=assessment.honours.all(),
            stars=stars_text(assessment),
            objections=[{"case": o, "url": case_page_url(o)} for o in assessment.objections.all()],
        )
        return context


def take_action(actions, name):
    """Remove the action ``name`` from ``actions`` (the page lays its form out itself) and return it, or None."""
    for item in actions:
        if item["action"].name == name:
            actions.remove(item)
            return item
    return None


def stars_text(assessment):
    if assessment.stars:
        return _("%(numeral)s星级") % {"numeral": STAR_NUMERALS[assessment.stars]}
    return _("不予评定星级") if assessment.has_result else ""


class AssessmentAdmin(CaseAdmin):
    model = Assessment
    menu_label = _("年度考核材料")
    menu_icon = "form"
    menu_order = 100
    inspect_view_class = AssessmentInspectView
    inspect_view_fields = ["receipt_no"]  # the template lays the case out itself, with numbers masked
    workflow = ASSESSMENTS
    extra_css = CSS
    list_display = (
        "receipt_link",
        "market",
        "handling_county",
        "round",
        "status_badge",
        "self_total",
        "assessed_total",
        "stars_column",
        "scoring_due",
    )
    list_filter = (BureauStatusFilter, HandlingCountyFilter, RoundFilter)
    search_fields = ("receipt_no", "market__title")
    ordering = ["-submitted_at"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).exclude(status=S.DRAFT)
        return queryset.select_related("round__city", "market")

    def status_badge(self, assessment):
        return self.badge(
            "primary" if assessment.status == S.SUBMITTED else "secondary", assessment.get_status_display()
        )

    status_badge.short_description = _("状态")

    def stars_column(self, assessment):
        return stars_text(assessment)

    stars_column.short_description = _("星级")

    def scoring_due(self, assessment):
        due = assessment.round.scoring_due
        if assessment.status == S.SUBMITTED and due < timezone.localdate():
            return format_html('{} <strong class="deadline-overdue">{}</strong>', f"{due:%Y-%m-%d}", _("已超期"))
        return f"{due:%Y-%m-%d}"

    scoring_due.short_description = _("县级考核完成时限")


class RoundMenuItem(MenuItem):
    """Shown to those who hold a permission on rounds (the cities' administrators)."""

    def is_shown(self, request):
        return round_viewset.permission_policy.user_has_any_permission(request.user, ["add", "change", "view"])


class PublishMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("assessments.change_assessment")


class AssessmentsGroup(ModelAdminGroup):
    menu_label = _("年度考核")
    menu_icon = "tasks"
    menu_order = 270
    items = (AssessmentAdmin, ObjectionAdmin)

    def get_submenu_items(self):
        url = reverse(round_viewset.get_url_name("list"))
        return super().get_submenu_items() + [
            PublishMenuItem(
                _("发布结果公示"),
                reverse("assessments_publish"),
                name="assessment-publish",
                icon_name="doc-full",
                order=120,
            ),
            RoundMenuItem(_("考核年度"), url, name="assessment-rounds", icon_name=round_viewset.icon, order=200),
            statistics_views.menu_item(),
        ]


modeladmin_register(AssessmentsGroup)


@hooks.register("register_admin_urls")
def register_assessment_urls():
    return [
        path("assessments/evidence/<int:pk>/", admin_views.EvidenceFileView.as_view(), name="assessments_evidence"),
        path("assessments/publish/", publicity_admin.publish_view, name="assessments_publish"),
    ]


@hooks.register("insert_global_admin_css")
def assessments_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("assessments/admin.css"))


# The assessment's part of the operator's 我的办理 page (forms/applications/views.py renders these sections).
hooks.register("operator_home_sections", views.my_services_section)

# 考核统计 (statistics_views.py).
hooks.register("register_admin_urls", statistics_views.admin_urls)

# The dashboard's 年度考核待办 panel (dashboard.py).
hooks.register("construct_homepage_panels", dashboard.add_pending_panel)
