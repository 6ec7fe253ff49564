"""What personal data each public form collects, why, and for how long (the privacy notice's table; top layer: it
reads the forms' models).

The fields are named by the models' own labels and the periods come from the bureau's retention setting
(``portal.retention.PersonalDataRetention``, which ``manage.py erase_expired_personal_data`` applies), so the notice
says what the code does and changes when the setting does. A form whose data the portal does not erase by itself
says so: its records are the case files of recognition and of subsidies paid from public funds.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from forms.applications.models import Application, ApplicationDocument, OperatorProfile
from forms.assessments import retention as assessment_retention
from forms.assessments.models import AssessmentObjection, PlacementRow
from forms.complaints import retention as complaint_retention
from forms.complaints.records import Complaint
from policies.models import PolicyComment

from .retention import PersonalDataRetention

# Fields of an application that identify people or accounts (the rest describe the market).
APPLICATION_PERSONAL_FIELDS = ("legal_representative", "phone", "manager_name", "manager_id_number", "bank_account")
OPERATOR_PROFILE_FIELDS = ("legal_representative", "phone", "registered_address")
OBJECTION_CONTACT_FIELDS = ("contact_name", "contact_phone")


@dataclass(frozen=True)
class PersonalDataUse:
    key: str
    form: str  # the form, as the public knows it
    data: tuple  # the personal data it asks for
    purpose: str
    retention: str  # how long, from the bureau's setting
    erased_automatically: bool
    sensitive: bool = False  # 敏感个人信息 (identity, bank account numbers: 《个人信息保护法》第二十八条)


def labels(model, names):
    return tuple(str(model._meta.get_field(name).verbose_name) for name in names)


def erased_roster_fields():
    return tuple(name for name in assessment_retention.ERASED_FIELDS if name != "person_digest")


def uses(retention=None):
    """Each public form's personal data, with the periods of ``retention`` (the bureau's setting by default)."""
    retention = retention or PersonalDataRetention.load()
    user_model = get_user_model()
    return [
        PersonalDataUse(
            key="complaint",
            form=_("投诉建议（我要投诉、意见建议）"),
            data=labels(Complaint, complaint_retention.CONTACT_FIELDS) + (_("附件（照片、PDF，选填）"),),
            purpose=_("核实投诉反映的情况，就办理进度和结果与您联系、答复；可以匿名提交，匿名时不收集联系方式。"),
            retention=_(
                "办结（或不予受理、重复件）后保存%(days)s天，期满自动删除姓名、电话和邮箱；事项内容和办理记录保留。"
            )
            % {"days": retention.complaint_contact_days},
            erased_automatically=True,
        ),
        PersonalDataUse(
            key="comment",
            form=_("政策征求意见"),
            data=labels(PolicyComment, ("contact",)),
            purpose=_("选填，仅用于就您的意见与您联系，不对外公开。"),
            retention=_("意见提交后保存%(days)s天，期满自动删除联系方式；意见内容作为征求意见的记录保留。")
            % {"days": retention.comment_contact_days},
            erased_automatically=True,
        ),
        PersonalDataUse(
            key="survey",
            form=_("满意度调查"),
            data=(),
            purpose=_("了解零工市场（驿站）的服务质量；只记录您的身份类别（零工人员或用工主体）、评分和意见。"),
            retention=_("评价作为服务质量的统计依据保存，其中不含个人信息。"),
            erased_automatically=False,
        ),
        PersonalDataUse(
            key="objection",
            form=_("考核结果公示异议"),
            data=labels(AssessmentObjection, OBJECTION_CONTACT_FIELDS),
            purpose=_("核实异议并答复异议人，不对外公开。"),
            retention=_("答复后保存%(days)s天，期满自动删除姓名和联系电话；异议内容和处理意见保留。")
            % {"days": retention.complaint_contact_days},
            erased_automatically=True,
        ),
        PersonalDataUse(
            key="operator",
            form=_("运营单位注册"),
            data=(str(user_model._meta.get_field("username").verbose_name), str(_("电子邮箱")))
            + labels(OperatorProfile, OPERATOR_PROFILE_FIELDS),
            purpose=_("开设运营单位账号，登录、找回密码，由所属县（市、区）人社部门与单位联系。"),
            retention=_("账号存续期间保存；注销账号请联系所属县（市、区）人社部门。"),
            erased_automatically=False,
        ),
        PersonalDataUse(
            key="application",
            form=_("零工市场（驿站）认定申请、补助资金申请"),
            data=labels(Application, APPLICATION_PERSONAL_FIELDS) + (str(ApplicationDocument._meta.verbose_name),),
            purpose=_("按政策文件审核认定和补助资金申请，拨付补助资金。"),
            retention=_("作为认定和财政补助资金拨付的审核依据，随申请案卷保存，本平台不自动删除。"),
            erased_automatically=False,
            sensitive=True,
        ),
        PersonalDataUse(
            key="roster",
            form=_("年度考核：推荐成功就业花名册"),
            data=labels(PlacementRow, erased_roster_fields()),
            purpose=_("县级人社部门核实零工市场（驿站）推荐就业的人数，作为考核和绩效补助的依据。"),
            retention=_(
                "县级考核完成时限后保存%(years)s年，期满自动删除身份证号码、联系电话和现居住地，姓名只保留第一个字。"
            )
            % {"years": retention.roster_years},
            erased_automatically=True,
            sensitive=True,
        ),
    ]
