"""Two sample built forms under 办事服务 (a job-fair sign-up and a training course's), and who may read their
submissions. Idempotent: a form found by its slug is left as the editors have made it."""

import datetime

from django.contrib.auth.models import Permission
from django.utils import timezone

from forms.complaints.models import ServiceIndexPage
from portal.pages import child_by_slug
from portal.regions import City, County
from portal.roles import StaffScope
from portal.scoping import groups_with_role
from portal.vocabulary import NINGDE, QUANZHOU

from .fields import ATTACHMENT_TYPE, CONSENT_TYPE, COUNTY_TYPE, ID_NUMBER_TYPE, MOBILE_TYPE
from .models import BuiltFormField, BuiltFormPage

CONSENT_LABEL = "我已阅读并同意按上述目的使用我的个人信息"

JOB_FAIR = {
    "slug": "ningde-gig-job-fair-signup",
    "title": "宁德市零工专场招聘会求职报名",
    "city": NINGDE,
    "county": "蕉城区",
    "capacity": 300,
    "retention_days": 90,
    "owner_emails": "lgsc-jiaocheng@example.gov.cn",
    "intro": (
        "<p>蕉城区零工市场因时因需举办零工专场招聘会（宁德市实施方案附件1第8条），现场提供零工岗位撮合、"
        "政策咨询等免费就业服务。请在截止时间前报名，我们将按您的求职意向安排对接用工单位。</p>"
    ),
    "thanks": "<p>招聘会的时间、地点将以短信通知您，请保持手机畅通。</p>",
    "fields": [
        ("姓名", "singleline", True, "", ""),
        ("手机号码", MOBILE_TYPE, True, "", "用于通知招聘会时间、地点。"),
        ("居民身份证号码", ID_NUMBER_TYPE, True, "", "用于现场签到核验，加密保存。"),
        ("所在县（市、区）", COUNTY_TYPE, True, "", ""),
        ("求职意向", "checkboxes", True, "普工\n搬运装卸\n保洁\n家政服务\n餐饮服务\n建筑零工\n其他", "可多选。"),
        ("可到场日期", "date", False, "", "不确定可不填。"),
        (
            CONSENT_LABEL,
            CONSENT_TYPE,
            True,
            "",
            "收集目的：组织本次零工专场招聘会的报名、签到和岗位对接；仅本次招聘会承办人员可见，不作他用。",
        ),
    ],
}
TRAINING = {
    "slug": "quanzhou-skills-training-signup",
    "title": "泉州市零工人员职业技能培训报名",
    "city": QUANZHOU,
    "county": None,
    "capacity": 50,
    "retention_days": 365,
    "owner_emails": "lgsc-quanzhou@example.gov.cn",
    "intro": (
        "<p>根据零工人员的求职意愿和培训需求，提供易学易用的职业技能培训（泉州市实施方案附件1第14条）。"
        "本期培训免费，名额有限，报满即止。</p>"
    ),
    "thanks": "<p>开班时间和地点将电话通知您。</p>",
    "fields": [
        ("姓名", "singleline", True, "", ""),
        ("性别", "radio", True, "男\n女", ""),
        ("手机号码", MOBILE_TYPE, True, "", ""),
        ("居民身份证号码", ID_NUMBER_TYPE, True, "", "用于办理培训登记，加密保存。"),
        ("所在县（市、区）", COUNTY_TYPE, True, "", ""),
        ("培训项目", "dropdown", True, "家政服务员\n养老护理员\n电工\n焊工\n中式烹调师", ""),
        ("文化程度", "dropdown", False, "小学\n初中\n高中（中专）\n大专及以上", ""),
        ("相关证书（选填）", ATTACHMENT_TYPE, False, "", "已有职业资格或技能等级证书的，可上传照片或PDF。"),
        (
            CONSENT_LABEL,
            CONSENT_TYPE,
            True,
            "",
            "收集目的：办理本期职业技能培训的报名、分班和培训登记；仅培训承办人员可见，不作他用。",
        ),
    ],
}
SIGNUP_DAYS = 30  # a sample form closes this long after the seed is loaded

# Who reads a form's submissions: the staff of its county (or city). Opening the full numbers, exporting them and
# deleting a submission: the case handlers and the city administrators.
READ = ["view_builtformsubmission"]
HANDLE = READ + ["reveal_builtformsubmission", "delete_builtformsubmission"]
ROLE_PERMISSIONS = {
    StaffScope.Role.CITY_ADMIN: HANDLE,
    StaffScope.Role.CITY_EDITOR: READ,
    StaffScope.Role.COUNTY_EDITOR: READ,
    StaffScope.Role.COUNTY_CASE_HANDLER: HANDLE,
}


def load(home, stdout):
    services = ServiceIndexPage.objects.child_of(home).first()
    if services is not None:
        for spec in (JOB_FAIR, TRAINING):
            ensure_form(services, spec)
    grant_permissions()
    stdout.write("自建表单：示例报名表已就绪")


def ensure_form(parent, spec):
    existing = child_by_slug(parent, spec["slug"])
    if existing is not None:
        return existing
    page = BuiltFormPage(
        slug=spec["slug"],
        title=spec["title"],
        city=City.objects.get(slug=spec["city"]),
        county=County.objects.get(name=spec["county"]) if spec["county"] else None,
        intro=spec["intro"],
        thanks=spec["thanks"],
        capacity=spec["capacity"],
        retention_days=spec["retention_days"],
        owner_emails=spec["owner_emails"],
        closes_at=closing_time(),
    )
    for order, (label, kind, required, choices, help_text) in enumerate(spec["fields"]):
        page.form_fields.add(
            BuiltFormField(
                sort_order=order, label=label, field_type=kind, required=required, choices=choices, help_text=help_text
            )
        )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def closing_time():
    day = timezone.localdate() + datetime.timedelta(days=SIGNUP_DAYS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))


def grant_permissions():
    every = Permission.objects.filter(content_type__app_label="built_forms")
    for role, codenames in ROLE_PERMISSIONS.items():
        granted = list(every.filter(codename__in=codenames))
        for group in groups_with_role(role):
            group.permissions.remove(*every.exclude(pk__in=[p.pk for p in granted]))
            group.permissions.add(*granted)
