"""The portal's roles: group names and the page permissions each role gets.

``ensure_roles`` creates the groups, each scoped to a city or a county, and the
moderation workflow; migration ``portal.0003_roles`` runs it, and so does
``load_seed_content`` (which also repairs a flushed test database).  Page
permissions need pages, so ``grant_page_permissions`` runs when the site tree is
built.  Both are safe to run again.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Page

from .regions import City, County


class StaffScope(models.Model):
    """Which part of the region a staff group works for.

    A group scoped to a city with no county sees every county of that city; a
    group scoped to a county sees only that county's cases and pages.
    """

    class Role(models.TextChoices):
        CITY_ADMIN = "city_admin", _("市级管理员")
        CITY_EDITOR = "city_editor", _("市级编辑")
        COUNTY_EDITOR = "county_editor", _("县级编辑")
        COUNTY_CASE_HANDLER = "county_case_handler", _("县级办案人员")

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="scope", verbose_name=_("用户组"))
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    city = models.ForeignKey(City, on_delete=models.CASCADE, verbose_name=_("设区市"))
    county = models.ForeignKey(County, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("县（市、区）"))

    class Meta:
        verbose_name = _("工作人员范围")
        verbose_name_plural = _("工作人员范围")

    def __str__(self):
        return f"{self.group.name}（{self.get_role_display()}）"


CITY_EDITOR_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
CITY_ADMIN_PERMISSIONS = CITY_EDITOR_PERMISSIONS + ["bulk_delete_page"]
COUNTY_EDITOR_PERMISSIONS = ["add_page", "change_page", "publish_page"]

ROLE_LABELS = {
    "city_admin": "市级管理员",
    "city_editor": "市级编辑",
    "county_editor": "县级编辑",
    "county_case_handler": "县级办案人员",
}
OPERATOR_GROUP = "运营单位"
WORKFLOW_NAME = "市级编辑审核"

# 星级认定 (markets.MarketStarRating): recorded by the staff who edit the markets' pages. Only a city administrator
# deletes one; a correction is an edit, which the rating's history keeps.
STAR_RATING_PERMISSIONS = [
    ("markets", "view_marketstarrating"),
    ("markets", "add_marketstarrating"),
    ("markets", "change_marketstarrating"),
]

# Model permissions (app_label, codename) per role, beyond admin access.
ROLE_PERMISSIONS = {
    "city_admin": [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "delete_image"),
        ("portal", "change_city"),
        ("portal", "add_county"),
        ("portal", "change_county"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("applications", "view_application"),
        ("applications", "change_application"),
        ("assessments", "view_assessment"),
        ("assessments", "change_assessment"),
        ("assessments", "view_assessmentobjection"),
        ("assessments", "change_assessmentobjection"),
        ("assessments", "add_assessmentround"),
        ("assessments", "change_assessmentround"),
        ("assessments", "view_assessmentround"),
        *STAR_RATING_PERMISSIONS,
        ("markets", "delete_marketstarrating"),
    ],
    "city_editor": [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        *STAR_RATING_PERMISSIONS,
    ],
    "county_editor": [
        ("wagtaildocs", "add_document"),
        ("wagtailimages", "add_image"),
        *STAR_RATING_PERMISSIONS,
    ],
    "county_case_handler": [
        ("applications", "view_application"),
        ("applications", "change_application"),
        ("assessments", "view_assessment"),
        ("assessments", "change_assessment"),
        ("assessments", "view_assessmentobjection"),
        ("assessments", "change_assessmentobjection"),
    ],
}


def ensure_model_permissions(apps):
    """Model permissions are normally made after all migrations; roles need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def ensure_roles(apps):
    """Create or update the role groups, their scopes and the workflow (idempotent)."""
    ensure_model_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    City = apps.get_model("portal", "City")
    County = apps.get_model("portal", "County")
    StaffScope = apps.get_model("portal", "StaffScope")

    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )

    def permissions_for(role):
        found = []
        for app_label, codename in ROLE_PERMISSIONS[role]:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                found.append(permission)
        return found

    def make_group(name, role, city, county=None):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *permissions_for(role))
        StaffScope.objects.update_or_create(group=group, defaults={"role": role, "city": city, "county": county})
        return group

    city_editor_groups = []
    for city in City.objects.all():
        make_group(f"{city.name}{ROLE_LABELS['city_admin']}", "city_admin", city)
        city_editor_groups.append(make_group(f"{city.name}{ROLE_LABELS['city_editor']}", "city_editor", city))
    for county in County.objects.select_related("city"):
        for role in ("county_editor", "county_case_handler"):
            make_group(f"{county.name}{ROLE_LABELS[role]}", role, county.city, county)

    Group.objects.get_or_create(name=OPERATOR_GROUP)

    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name="市级编辑审批").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="市级编辑审批", content_type=task_ct, active=True)
    task.groups.set(city_editor_groups)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def _grant_one(group, page, codename):
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_page_permissions(home_page: Page, county_pages, drafting_pages=(), building_pages=()):
    """Give city staff the whole site and county editors their county's pages.

    ``county_pages`` maps a County to the page under which its content lives.
    County editors may also draft under ``drafting_pages`` (policies, notices, events) and add pages of their own
    under ``building_pages`` (办事服务's forms): "add" alone lets them edit only the pages they made there, never the
    city's forms beside them. In both the moderation workflow sends their drafts to a city editor.
    """
    for scope in StaffScope.objects.filter(county__isnull=True).select_related("group"):
        codenames = CITY_ADMIN_PERMISSIONS if scope.role == StaffScope.Role.CITY_ADMIN else CITY_EDITOR_PERMISSIONS
        for codename in codenames:
            _grant_one(scope.group, home_page, codename)
    for scope in StaffScope.objects.filter(role=StaffScope.Role.COUNTY_EDITOR).select_related("group", "county"):
        page = county_pages.get(scope.county)
        if page is not None:
            for codename in COUNTY_EDITOR_PERMISSIONS:
                _grant_one(scope.group, page, codename)
        for drafting_page in drafting_pages:
            for codename in ("add_page", "change_page"):
                _grant_one(scope.group, drafting_page, codename)
        for building_page in building_pages:
            _grant_one(scope.group, building_page, "add_page")


def operator_group():
    return Group.objects.get(name=OPERATOR_GROUP)
