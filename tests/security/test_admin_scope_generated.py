"""Finding 8 of the security test: every admin URL that takes an id checks scope, not just the lists.

``/admin/forms/surveyresponse/inspect/<pk>/`` of a 蕉城区 market answered 200 to Quanzhou staff. The cases here are
generated from the URL resolver at collection time: every pattern under ``admin/`` with an argument carrying an
object's id (patterns naming a model in the URL — bulk actions, editing sessions, settings — once per model), the
model that id belongs to, and the table ``SCOPE`` saying for that model either how to make an object outside a
viewer's scope (a member of staff of the other city or county holding the same model permissions as the object's
own staff, so that only scope can refuse) or why the model is deliberately not scoped. A pattern whose model is in
neither fails ``test_every_admin_id_pattern_is_covered``, so a new admin URL cannot slip in unscoped.

Each generated case asks as the viewer (GET, and POST where a POST changes something), expects the one answer of
its class (404 for the portal's own models; for pages, Wagtail's permission-denied redirect to the dashboard, or
the answer ``PAGE_ANSWERS`` names) and checks the object is unchanged afterwards.
"""

import datetime
import re
from dataclasses import dataclass, replace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, TaskState, Workflow, WorkflowState

from forms.applications.models import Application
from forms.assessments.models import AssessmentObjection, ResultPublicity
from forms.assessments.workflow import start_assessment, submit
from forms.complaints.models import ComplaintAttachment, SurveyResponse
from markets.models import ConstructionTarget, CountyDirectoryPage, record_star_rating
from policies.models import AssessmentCriterion, PolicyComment, PolicyPage, RuleValue
from portal.roles import WORKFLOW_NAME, StaffScope
from tests.assessments_factories import add_placements, fill_self_assessment, make_operator_market, make_round
from tests.built_forms_factories import make_form, make_submission
from tests.complaints_factories import make_complaint, make_open311_client, png_bytes
from tests.markets_factories import make_market
from tests.operators_factories import VALID_USCC_2, add_material, make_application, make_operator
from tests.utils import SUITE_TODAY, make_user

pytestmark = pytest.mark.django_db

# --- The admin's URL patterns that take an id, from the resolver ----------------------------------------------

# URL arguments carrying an object's id, and the model it belongs to when the view does not say.
ID_ARGUMENTS = {
    "pk": None,
    "instance_pk": None,
    "object_id": None,
    "page_id": "wagtailcore.Page",
    "parent_page_id": "wagtailcore.Page",
    "page_to_move_id": "wagtailcore.Page",
    "page_pk": "wagtailcore.Page",
    "destination_id": "wagtailcore.Page",
    "revision_id": "wagtailcore.Revision",
    "revision_id_a": "wagtailcore.Revision",
    "revision_id_b": "wagtailcore.Revision",
    "task_state_id": "wagtailcore.TaskState",
    "workflow_state_id": "wagtailcore.WorkflowState",
    "task_id": "wagtailcore.Task",
    "workflow_pk": "wagtailcore.Workflow",
    "collection_id": "wagtailcore.Collection",
    "document_id": "policies.OfficialDocument",
    "doc_id": "policies.OfficialDocument",
    "image_id": "wagtailimages.Image",
    "uploaded_file_id": "wagtailcore.UploadedFile",
    "redirect_id": "wagtailredirects.Redirect",
    "query_id": "wagtailsearchpromotions.Query",
    "session_id": "wagtailadmin.EditingSession",
    "uidb64": "auth.User",
}
# URL arguments naming a model, an action or a format: no object's id.
NAME_ARGUMENTS = {
    "app_label",
    "model_name",
    "app_name",
    "content_type_app_name",
    "content_type_model_name",
    "action",
    "action_name",
    "filter_spec",
    "token",
}
# Patterns whose view does not name the model of their first id, or names another one.
MODEL_OF_PATTERN = {
    "forms_attachment": "forms.ComplaintAttachment",
    "applications_document": "applications.ApplicationDocument",
    "built_forms_upload": "built_forms.BuiltFormUpload",
    "wagtailadmin_api:pages:detail": "wagtailcore.Page",
    "wagtailadmin_api:pages:action": "wagtailcore.Page",
    "wagtailadmin_api:documents:detail": "policies.OfficialDocument",
    "wagtailadmin_api:images:detail": "wagtailimages.Image",
    "wagtailadmin_pages:revisions_compare": "wagtailcore.Page",
    "wagtaildocs_chooser:chosen": "policies.OfficialDocument",
    "wagtailadmin_workflows:enable": "wagtailcore.Workflow",
    "wagtailadmin_workflows:usage": "wagtailcore.Workflow",  # the view lists pages; its pk is the workflow's
    "wagtailadmin_workflows:usage_results": "wagtailcore.Workflow",
    "wagtailadmin_workflows:edit_task": "wagtailcore.Task",
    "wagtailadmin_workflows:enable_task": "wagtailcore.Task",
}
# An app label may hold underscores (built_forms); a model name holds none.
MODELADMIN_NAME = re.compile(r"^(?P<app>[a-z_]+?)_(?P<model>[a-z0-9]+)_modeladmin_(?P<view>\w+)$")


@dataclass(frozen=True)
class AdminPattern:
    """One admin URL pattern taking an id, for one model (a pattern naming its model in the URL, once per model)."""

    name: str  # the namespaced URL name
    arguments: tuple  # the URL's arguments, in order
    model: str | None  # the label of the model its first id belongs to
    fixed: tuple = ()  # (argument, value) set by the expansion per model: app_label, model_name, action
    query_id: bool = False  # the ids go in ?id= (bulk actions)
    expanded: bool = False
    ambiguous: bool = False  # another pattern has the same name (then the arguments tell them apart)

    @property
    def view(self):
        """The view's own name: ``edit``, ``history``, ``inspect``, ``wagtail_bulk_action``…"""
        short = self.name.rsplit(":", 1)[-1]
        match = MODELADMIN_NAME.match(short)
        return match["view"] if match else short

    @property
    def id(self):
        text = self.name
        if self.expanded:
            text += f"({self.model})"
        if action := dict(self.fixed).get("action"):
            text += f"[{action}]"
        if self.ambiguous:
            text += f"<{','.join(self.arguments)}>"
        return text


def walk(resolver, route="", namespaces=(), arguments=()):
    """(pattern, its full route, its namespaced name, the arguments of its route) for every pattern, recursively."""
    for entry in resolver.url_patterns:
        here = route + str(entry.pattern)
        found = arguments + tuple(pattern_arguments(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from walk(entry, here, namespaces + ((entry.namespace,) if entry.namespace else ()), found)
        elif isinstance(entry, URLPattern):
            yield entry, here, ":".join((*namespaces, entry.name or "")), found


def pattern_arguments(pattern):
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    groups = pattern.regex.groupindex
    return sorted(groups, key=groups.get)


def view_model(pattern):
    callback = pattern.callback
    model = None
    if view_class := getattr(callback, "view_class", None):
        model = getattr(callback, "view_initkwargs", {}).get("model") or getattr(view_class, "model", None)
    if model is None:
        model = getattr(getattr(callback, "__self__", None), "model", None)
    return model._meta.label if isinstance(model, type) and hasattr(model, "_meta") else None


def served_model(name, pattern, arguments):
    short = name.rsplit(":", 1)[-1]
    if label := MODEL_OF_PATTERN.get(name) or MODEL_OF_PATTERN.get(short):
        return label
    if match := MODELADMIN_NAME.match(short):  # wagtail-modeladmin: forms_complaint_modeladmin_inspect
        return apps.get_model(match["app"], match["model"])._meta.label
    first_id = next(argument for argument in arguments if argument in ID_ARGUMENTS)
    return ID_ARGUMENTS[first_id] or view_model(pattern)


def model_arguments(model, app_argument="app_label"):
    return ((app_argument, model._meta.app_label), ("model_name", model._meta.model_name))


def bulk_action_patterns(name, arguments):
    bulk_action_registry.get_bulk_actions_for_model("", "")  # the registry reads the hooks on first use
    for app_label, models in sorted(bulk_action_registry.actions.items()):
        for model_name, actions in sorted(models.items()):
            model = apps.get_model(app_label, model_name)
            for action in sorted(actions):
                fixed = (*model_arguments(model), ("action", action))
                yield AdminPattern(name, arguments, model._meta.label, fixed, query_id=True, expanded=True)


def admin_patterns():
    """(every admin pattern taking an id, expanded per model; the URL arguments nobody classified)."""
    found, unclassified = [], []
    for pattern, route, name, arguments in walk(get_resolver()):
        if not route.startswith("admin/") or not arguments:
            continue
        if unknown := [a for a in arguments if a not in ID_ARGUMENTS and a not in NAME_ARGUMENTS]:
            unclassified.append((name, unknown))
        elif name.endswith("wagtail_bulk_action"):  # the ids are in ?id=
            found += bulk_action_patterns(name, arguments)
        elif not any(argument in ID_ARGUMENTS for argument in arguments):
            continue
        elif "object_id" in arguments and "app_label" in arguments:  # editing sessions: any model's object
            found += [
                AdminPattern(name, arguments, label, model_arguments(apps.get_model(label)), expanded=True)
                for label in sorted(SCOPE)
            ]
        elif "app_name" in arguments:  # the settings' edit views
            found += [
                AdminPattern(name, arguments, model._meta.label, model_arguments(model, "app_name"), expanded=True)
                for model in settings_registry
            ]
        else:
            found.append(AdminPattern(name, arguments, served_model(name, pattern, arguments)))
    names = [item.id for item in found]
    return [replace(item, ambiguous=names.count(item.id) > 1) for item in found], unclassified


# --- The scope table --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outside:
    """An object ``viewer`` (a staff group of another city or county) must not open; ``owner`` (the object's own
    staff, in the same role and with the same model permissions) opens it at the URL named ``control``. ``grant``:
    the model's permissions, which no role holds yet, given to both groups so that only scope can refuse."""

    make: object
    viewer: str
    owner: str
    control: str
    grant: str = ""


@dataclass(frozen=True)
class Shared:
    """Deliberately not scoped, and why. ``superusers_only``: no staff group holds a permission on it (checked)."""

    reason: str
    superusers_only: bool = False


def jiaocheng_complaint():
    return make_complaint("蕉城区")[0]


def jiaocheng_attachment():
    attachment = ComplaintAttachment(
        case=jiaocheng_complaint(), original_name="p.png", content_type="image/png", size=10
    )
    attachment.file.save("p.png", ContentFile(png_bytes()), save=True)
    return attachment


def jiaocheng_survey_answer():
    market = make_market("蕉城区", name="蕉城区蕉南零工市场")
    return SurveyResponse.objects.create(market=market, respondent="worker", environment=5, process=4, result=5)


def ningde_open311_client():
    return make_open311_client("宁德市", "宁德12345热线")[0]


def jiaocheng_operator():
    return make_operator("jiaocheng-operator", county_name="蕉城区", uscc=VALID_USCC_2)[1]


def jiaocheng_application():
    return make_application(jiaocheng_operator(), status=Application.Status.SUBMITTED)


def jiaocheng_application_document():
    return add_material(jiaocheng_application(), "①")


def jiaocheng_form_submission():
    return make_submission(make_form(title="蕉城区零工专场招聘会报名", county="蕉城区"), with_photo=True)


def jiaocheng_form_upload():
    return jiaocheng_form_submission().uploads.get()


def ningde_round():
    return make_round("ningde")


def jiaocheng_assessment():
    """A 蕉城区 market's submitted assessment (Ningde asks for a year of operation before the round's date)."""
    recognized_on = datetime.date(SUITE_TODAY.year - 1, 1, 5)
    user, profile, market = make_operator_market(
        "jiaocheng-operator", county_name="蕉城区", recognized_on=recognized_on
    )
    assessment = start_assessment(ningde_round(), profile, market, user)
    add_placements(assessment, 3)
    fill_self_assessment(assessment)
    submit(assessment, user)
    return assessment


def jiaocheng_assessment_evidence():
    return jiaocheng_assessment().evidence.get()


def jiaocheng_objection():
    assessment = jiaocheng_assessment()
    publicity = ResultPublicity.objects.create(
        round=assessment.round, county=assessment.handling_county, starts_on=SUITE_TODAY, ends_on=SUITE_TODAY
    )
    return AssessmentObjection.objects.create(
        receipt_no="YY-jiaocheng",
        publicity=publicity,
        assessment=assessment,
        handling_county=assessment.handling_county,
        reason="推荐就业人数与实际不符。",
        submission_token="objection-token-0123456789",
        query_code_digest="-",
    )


def ningde_comment():
    page = PolicyPage.objects.filter(city__slug="ningde").first()
    return PolicyComment.objects.create(page=page, text="建议延长服务时间。", contact="13500003333")


def ningde_criterion():
    city = PolicyPage.objects.filter(city__slug="ningde").first().city
    return AssessmentCriterion.objects.create(
        city=city, number=99, category="基础设施", title="场所", rule_text="规则", max_points=10
    )


def ningde_rule_value():
    return RuleValue.objects.filter(policy__city__slug="ningde").first()


def ningde_construction_target():
    return ConstructionTarget.objects.filter(city__slug="ningde").first()


def jiaocheng_star_rating():
    return record_star_rating(make_market("蕉城区", name="蕉城区蕉南零工市场"), 2025, 4, source="人工录入")


def ningde_staff_account():
    return make_user("ningde-editor", groups=["宁德市市级编辑"])


def jiaocheng_market_page():
    """A 蕉城区 market page with a newer draft in the 市级编辑审核 workflow (so revisions and task states exist)."""
    page = make_market("蕉城区", name="蕉城区蕉南零工市场")
    page.title = "蕉城区蕉北零工市场"
    page.save_revision()
    Workflow.objects.get(name=WORKFLOW_NAME).start(page, make_user("jiaocheng-editor", groups=["蕉城区县级编辑"]))
    return Page.objects.get(pk=page.pk)


QZ_ADMIN, ND_ADMIN = "泉州市市级管理员", "宁德市市级管理员"
QZ_EDITOR, ND_EDITOR = "泉州市市级编辑", "宁德市市级编辑"
FUAN, JIAOCHENG = "福安市县级办案人员", "蕉城区县级办案人员"  # two counties of Ningde
CASE_PAGE, APPLICATION_PAGE = "forms_complaint_modeladmin_inspect", "applications_application_modeladmin_inspect"
ASSESSMENT_PAGE = "assessments_assessment_modeladmin_inspect"

# fmt: off
SCOPE = {
    # Scoped: what to make, who must not open it, who does (and where).
    "forms.Complaint": Outside(jiaocheng_complaint, FUAN, JIAOCHENG, CASE_PAGE),
    "forms.ComplaintAttachment": Outside(jiaocheng_attachment, FUAN, JIAOCHENG, "forms_attachment"),
    "forms.SurveyResponse": Outside(jiaocheng_survey_answer, QZ_ADMIN, ND_ADMIN, "forms_surveyresponse_modeladmin_inspect"),  # noqa: E501
    "forms.Open311Client": Outside(ningde_open311_client, QZ_ADMIN, ND_ADMIN, "open311_clients:edit"),
    "applications.Application": Outside(jiaocheng_application, FUAN, JIAOCHENG, APPLICATION_PAGE),
    "applications.ApplicationDocument": Outside(jiaocheng_application_document, QZ_ADMIN, ND_ADMIN, "applications_document"),  # noqa: E501
    "applications.OperatorProfile": Outside(jiaocheng_operator, QZ_ADMIN, ND_ADMIN, "wagtailsnippets_applications_operatorprofile:edit", grant="applications.operatorprofile"),  # noqa: E501
    "built_forms.BuiltFormSubmission": Outside(jiaocheng_form_submission, FUAN, JIAOCHENG, "built_forms_builtformsubmission_modeladmin_inspect"),  # noqa: E501
    "built_forms.BuiltFormUpload": Outside(jiaocheng_form_upload, FUAN, JIAOCHENG, "built_forms_upload"),
    "assessments.AssessmentRound": Outside(ningde_round, QZ_ADMIN, ND_ADMIN, "wagtailsnippets_assessments_assessmentround:edit"),  # noqa: E501
    "assessments.Assessment": Outside(jiaocheng_assessment, FUAN, JIAOCHENG, ASSESSMENT_PAGE),
    "assessments.AssessmentObjection": Outside(jiaocheng_objection, FUAN, JIAOCHENG, "assessments_assessmentobjection_modeladmin_inspect"),  # noqa: E501
    "assessments.AssessmentEvidence": Outside(jiaocheng_assessment_evidence, FUAN, JIAOCHENG, "assessments_evidence"),
    "policies.PolicyComment": Outside(ningde_comment, QZ_EDITOR, ND_EDITOR, "wagtailsnippets_policies_policycomment:edit"),  # noqa: E501
    "policies.AssessmentCriterion": Outside(ningde_criterion, QZ_ADMIN, ND_ADMIN, "wagtailsnippets_policies_assessmentcriterion:edit"),  # noqa: E501
    "policies.RuleValue": Outside(ningde_rule_value, QZ_ADMIN, ND_ADMIN, "wagtailsnippets_policies_rulevalue:edit"),
    "markets.ConstructionTarget": Outside(ningde_construction_target, QZ_ADMIN, ND_ADMIN, "wagtailsnippets_markets_constructiontarget:edit", grant="markets.constructiontarget"),  # noqa: E501
    "markets.MarketStarRating": Outside(jiaocheng_star_rating, "福安市县级编辑", "蕉城区县级编辑", "wagtailsnippets_markets_marketstarrating:edit"),  # noqa: E501
    "auth.User": Outside(ningde_staff_account, QZ_ADMIN, ND_ADMIN, "wagtailusers_users:edit"),
    "wagtailcore.Page": Outside(jiaocheng_market_page, "晋江市县级编辑", "蕉城区县级编辑", "wagtailadmin_pages:edit"),
    # Deliberately not scoped.
    "forms.Category": Shared("投诉类别: one vocabulary for both cities (the Open311 service codes)"),
    "forms.ReplyTemplate": Shared("答复模板: wording shared by every county's handlers"),
    "forms.OfficialCalendarYear": Shared("法定节假日安排: the State Council's holidays, national"),
    "forms.CaseTimeLimits": Shared("办理时限: one setting for the whole portal (a generic setting: one row)"),
    "portal.PersonalDataRetention": Shared("个人信息保存期限: one setting for the whole portal (one row)"),
    "portal.SiteInformation": Shared("网站信息: the footer both cities' bureaus share (one row per site)"),
    "markets.MarketService": Shared("服务项目: the standard list both cities' markets choose their services from"),
    "markets.MarketFacility": Shared("设施: the standard list both cities' markets choose their facilities from"),
    "markets.MarketTrade": Shared("职业（工种）: the bureau's list both cities' markets choose their trades from"),
    "policies.OfficialDocument": Shared("public documents (annexes, blank forms, attachments) anyone may download"),
    "wagtailimages.Image": Shared("public images (market photos, page images) that anyone may see"),
    "wagtailcore.UploadedFile": Shared("an upload in progress: Wagtail serves it to its uploader only"),
    "wagtailcore.Revision": Shared("a page's revision, opened through its page (wagtailcore.Page)"),
    "wagtailcore.TaskState": Shared("a page's task state, opened through its page (wagtailcore.Page)"),
    "wagtailcore.WorkflowState": Shared("a page's workflow state, opened through its page (wagtailcore.Page)"),
    "wagtailadmin.EditingSession": Shared("an editing session: Wagtail lets only its own user release it"),
    "wagtailcore.Collection": Shared("collections: site configuration", superusers_only=True),
    "wagtailcore.Workflow": Shared("workflows: site configuration", superusers_only=True),
    "wagtailcore.Task": Shared("workflow tasks: site configuration", superusers_only=True),
    "wagtailcore.Site": Shared("sites: site configuration", superusers_only=True),
    "wagtailredirects.Redirect": Shared("redirects: site configuration", superusers_only=True),
    "wagtailsearchpromotions.Query": Shared("search promotions: site configuration", superusers_only=True),
    "auth.Group": Shared("groups and their permissions: made by migrations (portal/roles.py)", superusers_only=True),
}
# fmt: on

# Patterns not requested, and why.
SKIPPED = {
    "wagtailadmin_password_reset_confirm": "the public password reset: the token mailed to the account authorises",
    "wagtailadmin_pages:convert_alias": "needs an alias page: the portal makes none (one locale, no aliases)",
    # The built forms (forms/built) are the one wagtail.contrib.forms page type; its hook keeps them out of these
    # screens for everyone (tests/test_built_forms_admin.py), and their submissions live in a model of their own.
    "wagtailforms:list_submissions": "no form page is listed in wagtail.contrib.forms' screens (built forms' hook)",
    "wagtailforms:list_submissions_results": "no form page is listed in wagtail.contrib.forms' screens",
    "wagtailforms:delete_submissions": "no form page is listed in wagtail.contrib.forms' screens",
}

PATTERNS, UNCLASSIFIED = admin_patterns()
SCOPED = [item for item in PATTERNS if isinstance(SCOPE.get(item.model), Outside)]


def test_every_admin_id_pattern_is_covered():
    assert UNCLASSIFIED == [], "URL arguments in neither ID_ARGUMENTS nor NAME_ARGUMENTS"
    uncovered = sorted({f"{item.id} → {item.model}" for item in PATTERNS if item.model not in SCOPE})
    assert uncovered == [], "admin URLs taking an id whose model is neither scoped nor shared in SCOPE"


def test_the_generation_finds_every_kind_of_admin_url():
    ids = {item.id for item in SCOPED}
    assert {
        "forms_surveyresponse_modeladmin_inspect",  # the finding's URL
        "wagtailsnippets_policies_rulevalue:edit",
        "wagtailsnippetchoosers_policies_rulevalue:chosen",
        "open311_clients:edit",
        "wagtailusers_users:edit",
        "wagtailadmin_pages:revisions_view",
        "wagtail_bulk_action(auth.User)[set_active_state]",
        "wagtailadmin_editing_sessions:ping(policies.RuleValue)",
        "forms_attachment",
    } <= ids
    assert {item.model for item in SCOPED} == {label for label, row in SCOPE.items() if isinstance(row, Outside)}


@pytest.mark.parametrize("label", sorted(k for k, v in SCOPE.items() if isinstance(v, Shared) and v.superusers_only))
def test_no_staff_group_holds_a_permission_on_a_superusers_only_model(home, label):
    model = apps.get_model(label)
    held = Permission.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        group__scope__isnull=False,
    )
    assert list(held.values_list("group__name", "codename")) == []


# --- The requests ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    location: str | None = None  # where a redirect leads
    listed: bool | None = None  # whether a listing shows the object (None: not a listing)


NOT_FOUND = Answer(404)
TO_DASHBOARD = Answer(302, "/admin/")  # Wagtail's answer to PermissionDenied: the dashboard, with a message
BACK_HERE = "(the URL asked, without its query)"

# Page views answering otherwise than Wagtail's permission-denied redirect: the one answer each gives, and why.
PAGE_ANSWERS = {
    # The explorer walks the tree under the user's explorable root (a county editor's is the home page, as they
    # draft under 政策文件 and 通知公告), listing only the pages they may explore: not the other city's market.
    "wagtailadmin_explore": {"get": Answer(200, listed=False)},
    "wagtailadmin_explore_results": {"get": Answer(200, listed=False)},
    # The page chooser browses the whole site so that a link may point to any page (all pages of both cities are
    # public once published); choosing is not editing.
    "wagtailadmin_choose_page_child": {"get": Answer(200, listed=True)},
    # A fixed text naming the workflow and task (site configuration), nothing of the page; publishing is refused.
    "confirm_workflow_cancellation": {"get": Answer(200)},
    # Editing sessions are kept only for the pages the user may edit.
    "ping": {"post": NOT_FOUND},
    # The admin API's pages endpoint knows only the pages the user may explore.
    "wagtailadmin_api:pages:detail": {"get": NOT_FOUND},
    "wagtailadmin_api:pages:action": {"post": NOT_FOUND},
    # Bulk actions list the pages the user may not act on as such, then act on none of them.
    "wagtail_bulk_action": {"get": Answer(200, listed=False), "post": Answer(302, BACK_HERE)},
}
# Views where a POST changes something (the case pages run their transitions on one); for the others a GET.
POST_CHANGES = {
    "add",
    "edit",
    "delete",
    "copy",
    "inspect",
    "unpublish",
    "move_confirm",
    "revisions_revert",
    "revisions_unschedule",
    "workflow_action",
    "set_privacy",
    "wagtail_bulk_action",
}
# Views answering only a POST (a GET is a 405 whoever asks).
POST_ONLY = {"ping", "lock", "unlock", "set_page_position", "remove", "action"}


def staff_group(name, rule=""):
    group = Group.objects.get(name=name)
    if rule:
        app_label, model_name = rule.split(".")
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, content_type__model=model_name)
        )
    return group


def own_directory(viewer):
    """The viewer's own county's directory page: where a stolen market page would be moved to."""
    return CountyDirectoryPage.objects.get(county=StaffScope.objects.get(group__user=viewer).county)


def post_data(item, viewer):
    """What a POST sends: nothing, but for a bulk action the form that would carry it out (moving pages to the
    viewer's own directory, deactivating accounts, giving them the viewer's own group)."""
    action = dict(item.fixed).get("action") if item.query_id else None
    if action == "move":
        return {"chooser": own_directory(viewer).pk}
    if action == "set_active_state":
        return {"mark_as_active": "False"}
    if action == "assign_role":
        return {"role": viewer.groups.get().pk}
    return {}


def argument_values(item, obj, viewer):
    """The URL's arguments: the object's id first; a page's parent for the views listing or adding children; the
    other ids from the object's own revisions and workflow states."""
    values = dict(item.fixed) | {"session_id": 1}
    for argument in item.arguments:
        if argument in ID_ARGUMENTS and argument not in values:
            values[argument] = obj.pk
            break
    if isinstance(obj, Page):
        workflow_state = WorkflowState.objects.get(object_id=str(obj.pk))
        task_state = TaskState.objects.get(workflow_state=workflow_state)
        values |= {
            "parent_page_id": obj.get_parent().pk,
            "revision_id": obj.latest_revision_id,
            "revision_id_a": obj.revisions.order_by("pk").first().pk,
            "revision_id_b": obj.latest_revision_id,
            "workflow_state_id": workflow_state.pk,
            "task_state_id": task_state.pk,
            "task_id": task_state.task_id,
            "workflow_pk": workflow_state.workflow_id,
            "destination_id": own_directory(viewer).pk,
            "action_name": "unpublish" if item.name.startswith("wagtailadmin_api") else "approve",
            "content_type_app_name": obj.specific_class._meta.app_label,
            "content_type_model_name": obj.specific_class._meta.model_name,
        }
    return {argument: values[argument] for argument in item.arguments}


def snapshot(obj):
    """What a refused POST must leave as it was: the row, its many-to-many links; a page's revisions, workflow
    states and place in the tree, and its parent's children."""
    model = type(obj)
    state = {"row": model._base_manager.filter(pk=obj.pk).values().first()}
    for field in model._meta.many_to_many:
        state[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    if isinstance(obj, Page):
        state["revisions"] = list(obj.revisions.values_list("pk", flat=True))
        state["workflow"] = list(WorkflowState.objects.filter(object_id=str(obj.pk)).values_list("pk", "status"))
        state["siblings"] = list(obj.get_parent().get_children().values_list("pk", flat=True))
    return state


def ask(client, method, url, data):
    """The answer, after the redirects of a GET that lead on to another view of the same object (revisions →
    history), not to the dashboard."""
    response = client.get(url) if method == "get" else client.post(url, data)
    for _hop in range(3):
        location = response.get("Location", "")
        if (
            method != "get"
            or response.status_code != 302
            or location == "/admin/"
            or not location.startswith("/admin/")
        ):
            break
        response = client.get(location)
    return response


def listed(response, obj):
    """Whether the view's listing offers ``obj`` (explorer and chooser rows, a bulk action's actionable items);
    None when the answer has no listing."""
    for key in ("object_list", "pagination_page", "items"):
        if response.context is not None and key in response.context:
            entries = response.context[key]  # the view's own context (an included template's comes later)
            entries = [entry.get("item") if isinstance(entry, dict) else entry for entry in entries]
            return obj.pk in {getattr(entry, "pk", None) for entry in entries}
    return None


def answer(response, obj, expected):
    location = response.get("Location") if response.status_code in (301, 302) else None
    return Answer(response.status_code, location, listed(response, obj) if expected.listed is not None else None)


def expected_answers(item, url):
    """{method: Answer}: the GET (and POST) to make, each with the one answer its class of view gives."""
    methods = ["post"] if item.view in POST_ONLY else ["get", "post"] if item.view in POST_CHANGES else ["get"]
    if item.model != "wagtailcore.Page":
        return dict.fromkeys(methods, NOT_FOUND)
    special = PAGE_ANSWERS.get(item.name) or PAGE_ANSWERS.get(item.view) or {}
    answers = {method: special.get(method, TO_DASHBOARD) for method in methods}
    return {method: replace(a, location=url) if a.location == BACK_HERE else a for method, a in answers.items()}


@pytest.mark.parametrize("item", SCOPED, ids=lambda item: item.id)
def test_an_object_outside_the_viewer_s_scope_does_not_open(client, home, item):
    if item.name in SKIPPED:
        pytest.skip(SKIPPED[item.name])
    row = SCOPE[item.model]
    viewer_group, owner_group = staff_group(row.viewer, row.grant), staff_group(row.owner, row.grant)
    assert viewer_group.scope.role == owner_group.scope.role
    assert set(viewer_group.permissions.all()) == set(owner_group.permissions.all())
    obj = row.make()
    viewer = make_user("viewer", groups=[row.viewer])
    client.force_login(viewer)
    url = reverse(item.name, kwargs=argument_values(item, obj, viewer))
    match = resolve(url)
    assert match.view_name == item.name and set(item.arguments) <= set(match.kwargs)
    expected = expected_answers(item, url)
    if item.query_id:
        url += f"?id={obj.pk}"
    before = snapshot(obj)
    data = post_data(item, viewer)
    answers = {method: answer(ask(client, method, url, data), obj, expected[method]) for method in expected}
    assert answers == expected
    assert snapshot(obj) == before


@pytest.mark.parametrize("label", sorted(k for k, v in SCOPE.items() if isinstance(v, Outside)))
def test_the_object_s_own_staff_open_it(client, home, label):
    """The control: the same object, at the row's ``control`` URL, opens for its own staff."""
    row = SCOPE[label]
    control = next(item for item in SCOPED if item.model == label and item.name == row.control)
    staff_group(row.owner, row.grant)
    obj = row.make()
    owner = make_user("owner", groups=[row.owner])
    client.force_login(owner)
    assert client.get(reverse(control.name, kwargs=argument_values(control, obj, owner))).status_code == 200


def test_a_case_s_history_asks_the_case_page_s_permission(client, home):
    """In scope but without the complaint permissions (a county editor): the case's history is refused too."""
    case = jiaocheng_complaint()
    url = reverse("forms_complaint_modeladmin_history", args=[case.pk])
    client.force_login(make_user("handler", groups=["蕉城区县级办案人员"]))
    assert client.get(url).status_code == 200
    client.force_login(make_user("editor", groups=["蕉城区县级编辑"]))
    response = client.get(url)
    assert Answer(response.status_code, response.get("Location")) == TO_DASHBOARD


def test_assigning_a_group_in_bulk_offers_only_the_user_s_own_city_s_groups(client, home):
    """A Quanzhou administrator cannot make a Quanzhou account a Ningde administrator through the bulk action."""
    account = make_user("quanzhou-editor", groups=[QZ_EDITOR])
    client.force_login(make_user("admin", groups=[QZ_ADMIN]))
    url = reverse("wagtail_bulk_action", args=["auth", "user", "assign_role"]) + f"?id={account.pk}"
    response = client.post(url, {"role": Group.objects.get(name=ND_ADMIN).pk})
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert list(account.groups.values_list("name", flat=True)) == [QZ_EDITOR]
