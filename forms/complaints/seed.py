"""Seed the complaint and feedback pages, categories, reply templates, time limits and
the case permissions of the staff roles (city administrators also enter the State
Council's holidays, 法定节假日安排, and issue and revoke the Open311 clients' api_keys).  Idempotent."""

from django.contrib.auth.models import Permission

from portal.pages import child_by_slug, ensure_child
from portal.roles import StaffScope
from portal.scoping import groups_with_role

from .models import (
    CaseFormPage,
    CaseTimeLimits,
    Category,
    Complaint,
    FeedbackIndexPage,
    ProgressPage,
    ReplyTemplate,
    SurveyPage,
)

# (code, name, description): Quanzhou clause 20 names 黑中介 and 虚假招聘信息 and the
# employers' duties on wages; the rest are common grounds for complaint at a market.
CATEGORIES = [
    ("illegal-agency", "黑中介", "非法职业中介、乱收费、骗取押金等（泉州附件1第20条）"),
    ("false-recruitment", "虚假招聘信息", "发布虚假岗位、以招聘为名牟利等（泉州附件1第20条）"),
    ("discrimination", "就业歧视", "因性别、年龄、地域等设置不合理招聘条件"),
    ("unpaid-wages", "拖欠工资", "用工主体拖欠、克扣零工工资（泉州附件1第20条“工资保障”）"),
    ("fees", "收费服务", "零工市场（驿站）违规收取服务费用（公益性免费服务）"),
    ("service-attitude", "服务态度", "工作人员服务态度、服务质量问题"),
    ("other", "其他", "其他问题"),
]

REPLY_TEMPLATES = [
    (
        "已核实并处理",
        "您好！您反映的问题已收悉。经我局核实，情况属实，已责令相关单位整改，整改结果将持续跟踪。感谢您的监督！",
    ),
    ("已协调解决", "您好！您反映的问题已收悉。经我局协调，相关单位已与您沟通并解决。如仍有疑问，请拨打12345热线。"),
    ("未查实", "您好！您反映的问题已收悉。经我局调查核实，暂未发现所反映的问题。如您有新的线索，欢迎再次反映。"),
    ("意见已采纳", "您好！感谢您提出的意见建议，我局已转相关零工市场（驿站）研究改进。"),
]

COMPLAINT_INTRO = (
    "<p>对零工市场（驿站）服务、黑中介、虚假招聘、就业歧视、拖欠工资等问题，您可以在这里投诉。"
    "我们公开投诉受理方式和渠道、及时处理投诉（泉州市实施方案附件1第23条），"
    "落实首问责任、限时办结、一次性告知（宁德市实施方案附件1第20条）。</p>"
    "<p>拖欠工资等紧急情况也可拨打 12345 政务服务便民热线。</p>"
)
FEEDBACK_INTRO = "<p>欢迎对零工市场（驿站）的服务和本平台提出意见和建议（泉州市实施方案附件1第23条）。</p>"
PROGRESS_INTRO = "<p>请输入提交成功时显示的受理编号和查询码，查看办理状态和答复。</p>"
SURVEY_INTRO = (
    "<p>请对您去过的零工市场（驿站）的服务环境、服务过程、服务结果进行评价"
    "（泉州市实施方案附件1第24条；宁德市实施方案附件1第20条）。</p>"
)
THANKS = "<p>我们会按时限受理和办理，办理结果将通过“查询进度”公开答复。</p>"

PAGES = [
    (
        CaseFormPage,
        "complaint",
        "我要投诉",
        {"kind": Complaint.Kind.COMPLAINT, "intro": COMPLAINT_INTRO, "thanks": THANKS},
    ),
    (
        CaseFormPage,
        "suggestion",
        "意见建议",
        {"kind": Complaint.Kind.FEEDBACK, "intro": FEEDBACK_INTRO, "thanks": THANKS},
    ),
    (ProgressPage, "progress", "查询进度", {"intro": PROGRESS_INTRO}),
    (SurveyPage, "survey", "满意度调查", {"intro": SURVEY_INTRO}),
]

HANDLER_PERMISSIONS = ["view_complaint", "change_complaint"]
CITY_PERMISSIONS = HANDLER_PERMISSIONS + [
    "view_surveyresponse",
    "view_category",
    "add_category",
    "change_category",
    "view_replytemplate",
    "add_replytemplate",
    "change_replytemplate",
    "change_casetimelimits",
]
CITY_ADMIN_PERMISSIONS = CITY_PERMISSIONS + [
    "view_officialcalendaryear",
    "add_officialcalendaryear",
    "change_officialcalendaryear",
    "delete_officialcalendaryear",
    "view_open311client",
    "add_open311client",
    "change_open311client",
]


def load(home, stdout):
    ensure_data()
    ensure_pages(home)
    grant_case_permissions()
    stdout.write("投诉建议：页面、类别、答复模板、时限已就绪")


def ensure_data():
    for order, (code, name, description) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )
    for order, (title, body) in enumerate(REPLY_TEMPLATES):
        ReplyTemplate.objects.get_or_create(title=title, defaults={"body": body, "sort_order": order})
    CaseTimeLimits.load()


def ensure_pages(home):
    index = child_by_slug(home, "feedback")
    if not isinstance(index, FeedbackIndexPage):
        return
    for model, slug, title, fields in PAGES:
        ensure_child(index, model, slug, title=title, **fields)


def permissions(codenames):
    return Permission.objects.filter(content_type__app_label="forms", codename__in=codenames)


# City editors publish content; complaints are handled by the counties and, for the city, its administrators.
ROLE_CASE_PERMISSIONS = {
    StaffScope.Role.COUNTY_CASE_HANDLER: HANDLER_PERMISSIONS,
    StaffScope.Role.CITY_ADMIN: CITY_ADMIN_PERMISSIONS,
    StaffScope.Role.CITY_EDITOR: [],
}


def grant_case_permissions():
    """Each role holds exactly its complaint permissions (a permission a role no longer needs is taken back)."""
    every = Permission.objects.filter(content_type__app_label="forms")
    for role, codenames in ROLE_CASE_PERMISSIONS.items():
        granted = list(permissions(codenames))
        for group in groups_with_role(role):
            group.permissions.remove(*every.exclude(pk__in=[p.pk for p in granted]))
            group.permissions.add(*granted)
