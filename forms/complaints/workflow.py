"""The 12345 closed loop for complaints: 受理/不予受理 → 转办 (退回) → 办理 → 答复 → 办结,
with 延期 (asked before the deadline, approved by the city), 催办 and 重复件.

Each step is a small function ``(case, user, data)`` that checks the case's state, changes it
and records a history line with who and when. ``COMPLAINTS`` declares them once as transitions
(from which states, who may, with what form) on the shared machinery of ``forms.cases``; the
complainant is told of every change of status.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.cases.scoping import can_handle
from forms.cases.transitions import ActionForm, NoteForm, Transition, Workflow, require
from forms.cases.working_days import add_working_days
from portal.regions import County
from portal.scoping import counties_for, is_city_staff

from .notifications import notify_complainant_of_status, notify_county_of_arrival
from .records import Complaint, ComplaintEvent, ReplyTemplate

S = Complaint.Status
A = ComplaintEvent.Action
OPEN_HANDLING = frozenset({S.NEW, S.ACCEPTED, S.IN_PROGRESS, S.REPLIED})
REPLIED_OR_FINAL = frozenset({S.REPLIED, S.CLOSED, S.REJECTED})


def tell_complainant(case, old, new):
    if old != new:
        notify_complainant_of_status(case)


def record(case, action, user=None, note="", from_status="", county=None, actor_label=""):
    return COMPLAINTS.record(case, action, user, note, from_status, county=county, actor_label=actor_label)


def change_status(case, user, new_status, action, note="", **fields):
    COMPLAINTS.change_status(case, user, new_status, action, note, **fields)


# --- forms for the actions that need input ---


class ReasonForm(ActionForm):
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("请填写理由。")},
    )


class AssignForm(ActionForm):
    county = forms.ModelChoiceField(
        label=_("转至"), queryset=County.objects.none(), error_messages={"required": _("请选择转至哪个县（市、区）。")}
    )
    note = forms.CharField(label=_("转办说明"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties_for(self.user).select_related("city").order_by("city", "name")


class ReplyForm(ActionForm):
    template = forms.ModelChoiceField(
        label=_("答复模板"), queryset=ReplyTemplate.objects.all(), required=False, empty_label=_("（不使用模板）")
    )
    reply = forms.CharField(
        label=_("公开答复"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        error_messages={"required": _("请填写公开答复，可先选择答复模板再修改。")},
        help_text=_("答复内容会向投诉人公开（凭受理编号和查询码查看），请勿写入个人信息。"),
    )


class ExtensionForm(ActionForm):
    days = forms.IntegerField(
        label=_("延期工作日"), min_value=1, max_value=30, error_messages={"required": _("请填写延期几个工作日。")}
    )
    reason = forms.CharField(
        label=_("延期理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("请填写延期理由。")},
    )


class PublishForm(ActionForm):
    checked = forms.BooleanField(
        label=_("我已核对公开答复，其中没有姓名、电话、身份证号码等个人信息"),
        error_messages={"required": _("公开前请核对公开答复中没有个人信息，并勾选确认。")},
    )


class DuplicateForm(ActionForm):
    original = forms.CharField(
        label=_("原件受理编号"), max_length=32, error_messages={"required": _("请填写原件的受理编号。")}
    )


# --- the actions ---


def assign(case, user, data):
    require(case.status in OPEN_HANDLING | {S.RETURNED}, _("此件已办结，不能转办。"))
    county = data["county"]
    COMPLAINTS.change_status(
        case, user, S.NEW, A.ASSIGNED, data.get("note", ""), event_fields={"county": county}, handling_county=county
    )
    notify_county_of_arrival(case)


def accept(case, user, data):
    require(case.status == S.NEW, _("只有待受理的件可以受理。"))
    change_status(case, user, S.ACCEPTED, A.ACCEPTED, accepted_at=timezone.now())


def reject(case, user, data):
    require(case.status == S.NEW, _("只有待受理的件可以不予受理。"))
    reason = data["reason"]
    change_status(case, user, S.REJECTED, A.REJECTED, reason, public_reply=reason, closed_at=timezone.now())


def send_back(case, user, data):
    require(case.status in {S.NEW, S.ACCEPTED}, _("只有尚未办理的件可以退回。"))
    change_status(case, user, S.RETURNED, A.SENT_BACK, data["reason"])


def start(case, user, data):
    require(case.status == S.ACCEPTED, _("只有已受理的件可以开始办理。"))
    change_status(case, user, S.IN_PROGRESS, A.STARTED, data.get("note", ""))


def reply(case, user, data):
    require(case.status in {S.ACCEPTED, S.IN_PROGRESS, S.REPLIED}, _("受理后才能答复。"))
    change_status(
        case, user, S.REPLIED, A.REPLIED, data["reply"], public_reply=data["reply"], replied_at=timezone.now()
    )


def close(case, user, data):
    require(case.status == S.REPLIED, _("答复后才能办结。"))
    change_status(case, user, S.CLOSED, A.CLOSED, data.get("note", ""), closed_at=timezone.now())


def ask_extension(case, user, data):
    require(case.is_open, _("此件已办结。"))
    require(timezone.localdate() <= case.close_due, _("已超过办结期限，不能再申请延期，请尽快办结。"))
    require(case.extension_state != Complaint.Extension.PENDING, _("已有延期申请在等待审批。"))
    case.extension_state = Complaint.Extension.PENDING
    case.extension_days = data["days"]
    case.extension_reason = data["reason"]
    case.save()
    record(case, A.EXTENSION_ASKED, user, f"延期{data['days']}个工作日：{data['reason']}", case.status)


def approve_extension(case, user, data):
    require(case.extension_state == Complaint.Extension.PENDING, _("没有待审批的延期申请。"))
    case.extension_state = Complaint.Extension.APPROVED
    case.close_due = add_working_days(case.close_due, case.extension_days)
    case.save()
    record(case, A.EXTENSION_APPROVED, user, f"办结期限延至{case.close_due:%Y年%m月%d日}", case.status)


def refuse_extension(case, user, data):
    require(case.extension_state == Complaint.Extension.PENDING, _("没有待审批的延期申请。"))
    case.extension_state = Complaint.Extension.REFUSED
    case.save()
    record(case, A.EXTENSION_REFUSED, user, data["reason"], case.status)


def remind(case, user, data):
    require(case.deadline_state() == "overdue", _("只有超期件可以催办。"))
    record(case, A.REMINDED, user, data.get("note", ""), case.status)


def mark_duplicate(case, user, data):
    require(case.is_open, _("此件已办结。"))
    original = Complaint.objects.filter(receipt_no=data["original"].strip()).exclude(pk=case.pk).first()
    require(original is not None and can_handle(user, original), _("找不到这个受理编号，或您无权查看该件。"))
    note = f"与 {original.receipt_no} 重复"
    change_status(case, user, S.DUPLICATE, A.DUPLICATE, note, duplicate_of=original, closed_at=timezone.now())


def publish(case, user, data):
    require(case.public_reply.strip(), _("还没有公开答复，不能公开。"))
    case.published = True
    case.save(update_fields=["published", "updated_at"])
    record(case, A.PUBLISHED, user, _("已核对公开答复，列入开放数据"), case.status)


def unpublish(case, user, data):
    case.published = False
    case.save(update_fields=["published", "updated_at"])
    record(case, A.UNPUBLISHED, user, data.get("note", ""), case.status)


def not_published(case, user):
    return not case.published and bool(case.public_reply.strip())


def is_published(case, user):
    return case.published


def city_only(user, case):
    return is_city_staff(user)


def extension_pending(case, user):
    return case.extension_state == Complaint.Extension.PENDING


def may_ask_extension(case, user):
    """A county may ask before the deadline, once at a time; the city approves rather than asks."""
    return not extension_pending(case, user) and timezone.localdate() <= case.close_due and not is_city_staff(user)


def overdue(case, user):
    return case.deadline_state() == "overdue"


COMPLAINTS = Workflow(
    model=Complaint,
    event_model=ComplaintEvent,
    may_open=can_handle,
    on_status_change=tell_complainant,
    reveal_action=A.REVEALED,
    reveal_note=_("查看了投诉人的完整联系方式"),
    transitions=(
        Transition("accept", _("受理"), accept, from_statuses=frozenset({S.NEW})),
        Transition("reject", _("不予受理"), reject, ReasonForm, frozenset({S.NEW}), button_class="no"),
        Transition("send_back", _("退回（非本单位职责）"), send_back, ReasonForm, frozenset({S.NEW, S.ACCEPTED})),
        Transition("assign", _("转办"), assign, AssignForm, OPEN_HANDLING | {S.RETURNED}, city_only),
        Transition("start", _("开始办理"), start, from_statuses=frozenset({S.ACCEPTED})),
        Transition("reply", _("答复"), reply, ReplyForm, frozenset({S.ACCEPTED, S.IN_PROGRESS, S.REPLIED})),
        Transition("close", _("办结"), close, from_statuses=frozenset({S.REPLIED})),
        Transition(
            "ask_extension", _("申请延期"), ask_extension, ExtensionForm, OPEN_HANDLING, available=may_ask_extension
        ),
        Transition(
            "approve_extension", _("批准延期"), approve_extension, NoteForm, OPEN_HANDLING, city_only, extension_pending
        ),
        Transition(
            "refuse_extension",
            _("不批准延期"),
            refuse_extension,
            ReasonForm,
            OPEN_HANDLING,
            city_only,
            extension_pending,
        ),
        Transition("remind", _("催办"), remind, NoteForm, OPEN_HANDLING | {S.RETURNED}, city_only, overdue),
        Transition("duplicate", _("标记为重复件"), mark_duplicate, DuplicateForm, OPEN_HANDLING),
        Transition("publish", _("公开"), publish, PublishForm, REPLIED_OR_FINAL, available=not_published),
        Transition("unpublish", _("取消公开"), unpublish, NoteForm, REPLIED_OR_FINAL, available=is_published),
    ),
)
