"""The site tree every other seed step builds on, and the finishing touches.

Each step is idempotent: it finds what exists by slug and creates only what is missing.
"""

import secrets

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site, Task, Workflow, WorkflowPage

from forms.complaints.models import FeedbackIndexPage, ServiceIndexPage
from markets.models import CountyDirectoryPage, MarketIndexPage
from notices.models import EventIndexPage, NoticeIndexPage
from policies.models import DocumentLibraryPage, PolicyIndexPage
from wages.models import WageGuideIndexPage

from .models import HomePage
from .pages import add_child, ensure_child
from .regions import ensure_regions
from .retention import PersonalDataRetention
from .roles import WORKFLOW_NAME, StaffScope, ensure_roles, grant_page_permissions
from .scoping import groups_with_role

HOME_TITLE = "泉州·宁德零工市场服务平台"
HOME_INTRO = "<p>查找附近的零工市场（驿站），了解零工政策和工资指导价位，下载办事表格，提出投诉建议。</p>"

# (model, slug, title, intro) in navigation order.
SECTIONS = [
    (PolicyIndexPage, "policies", "政策文件", "泉州市、宁德市零工市场建设政策文件及政策解读。"),
    (MarketIndexPage, "markets", "零工市场", "查找离您最近的零工市场和零工驿站，查看地址、开放时间和服务项目。"),
    (WageGuideIndexPage, "wage-guide", "工资指导价位", "零工岗位工资指导价位，供求职者和用工主体议定工价时参考。"),
    (NoticeIndexPage, "notices", "通知公告", "人社部门发布的通知、公示和公告。"),
    (ServiceIndexPage, "services", "办事服务", "下载申请表格，在线办理零工市场（驿站）认定和补助申请。"),
    (FeedbackIndexPage, "feedback", "投诉建议", "投诉黑中介、虚假招聘、拖欠工资等问题，提出意见建议，查询办理进度。"),
]

# Linked from the policies' list and the footer rather than the navigation, which stays at six sections.
LIBRARY_INTRO = "政策文件的附件、空白表格和通知公告的附件，可按城市、类别和有效性查找；文件更新后，旧版本仍可下载。"

DEMO_ADMIN_USERNAME = "demo-admin"


def remove_wagtail_placeholder(root):
    """Delete Wagtail's "Welcome to your new Wagtail site!" page (and the Site pointing at it)."""
    root.get_children().filter(content_type__app_label="wagtailcore", content_type__model="page").delete()


# What Wagtail's migrations name in English, as the bureau's staff read it in the admin.
WAGTAIL_DEFAULT_NAMES = {
    "root_page": ("Root", "网站根目录"),
    "groups": {"Editors": "网站编辑（通用）", "Moderators": "网站审核员（通用）"},
    "workflow": ("Moderators approval", "网站审核员审批"),
    "root_collection": ("Root", "全部文件"),
}


def ensure_root():
    """The tree root and default locale that Wagtail's migrations make (gone after a test flush)."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title=WAGTAIL_DEFAULT_NAMES["root_page"][1], slug="root")
    return root


# Django names a model's permissions in English when it creates them ("Can add 申请"), and keeps the name.
PERMISSION_VERBS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}


def name_permissions_in_chinese():
    """Each model's add/change/delete/view permission named in Chinese, after its model's Chinese name."""
    renamed = []
    with translation.override("zh-hans"):
        for permission in Permission.objects.select_related("content_type").filter(name__startswith="Can "):
            verb, _separator, model_name = permission.codename.partition("_")
            model = permission.content_type.model_class()
            if verb in PERMISSION_VERBS and model is not None and model_name == model._meta.model_name:
                permission.name = f"可以{PERMISSION_VERBS[verb]}{model._meta.verbose_name}"[:255]
                renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"])


def name_wagtail_defaults_in_chinese():
    """Wagtail's root page, its default groups and its default workflow and task, renamed in Chinese (kept: the
    root page's default workflow still asks the moderators for what the portal's own workflow does not cover)."""
    english, chinese = WAGTAIL_DEFAULT_NAMES["root_page"]
    Page.objects.filter(depth=1, title=english).update(title=chinese, draft_title=chinese)
    for english, chinese in WAGTAIL_DEFAULT_NAMES["groups"].items():
        if not Group.objects.filter(name=chinese).exists():
            Group.objects.filter(name=english).update(name=chinese)
    english, chinese = WAGTAIL_DEFAULT_NAMES["workflow"]
    Workflow.objects.filter(name=english).update(name=chinese)
    Task.objects.filter(name=english).update(name=chinese)
    english, chinese = WAGTAIL_DEFAULT_NAMES["root_collection"]
    Collection.objects.filter(depth=1, name=english).update(name=chinese)


def build_site_tree(stdout):
    ensure_regions(django_apps)
    ensure_roles(django_apps)
    root = ensure_root()
    name_wagtail_defaults_in_chinese()
    name_permissions_in_chinese()
    home = HomePage.objects.first()
    if home is None:
        remove_wagtail_placeholder(root)
        home = add_child(root, HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO))
        stdout.write("已创建首页")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLE)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    for model, slug, title, intro in SECTIONS:
        ensure_child(home, model, slug, title=title, intro=f"<p>{intro}</p>", show_in_menus=True)
    ensure_child(home, DocumentLibraryPage, "library", title="文件库", intro=f"<p>{LIBRARY_INTRO}</p>")
    return home


def finish(home, stdout):
    """Permissions, the moderation workflow and (in demo mode) a demo account."""
    directory = MarketIndexPage.objects.child_of(home).first()
    county_pages = {page.county: page for page in CountyDirectoryPage.objects.child_of(directory)}
    drafting_pages = [
        page
        for page in (
            PolicyIndexPage.objects.child_of(home).first(),
            NoticeIndexPage.objects.child_of(home).first(),
            EventIndexPage.objects.child_of(home).first(),
        )
        if page is not None
    ]
    building_pages = [page for page in [ServiceIndexPage.objects.child_of(home).first()] if page is not None]
    grant_page_permissions(home, county_pages, drafting_pages, building_pages)
    grant_retention_setting()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    for page in [*drafting_pages, *building_pages]:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    if settings.DEMO_MODE:
        create_demo_admin(stdout)


def grant_retention_setting():
    """City administrators set how long contact details are kept (设置 → 个人信息保存期限)."""
    PersonalDataRetention.load()
    change = Permission.objects.get(content_type__app_label="portal", codename="change_personaldataretention")
    for group in groups_with_role(StaffScope.Role.CITY_ADMIN):
        group.permissions.add(change)


def create_demo_admin(stdout):
    User = get_user_model()
    if User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        stdout.write(f"演示管理员账号 {DEMO_ADMIN_USERNAME} 已存在（密码只在创建时显示一次）。")
        return
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(DEMO_ADMIN_USERNAME, password=password, first_name="演示管理员")
    stdout.write(
        "\n===== 演示模式 =====\n"
        f"管理后台 /admin/ 演示账号：{DEMO_ADMIN_USERNAME}\n"
        f"密码：{password}\n"
        "（只显示这一次，请记下；仅用于本地演示。）\n"
        "====================\n"
    )
