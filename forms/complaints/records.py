"""What the public submits and the bureau records: complaints and feedback with their history and attachments,
categories, reply templates, time limits, satisfaction-survey answers and the Open311 clients' api_keys.

Sources: Quanzhou standard clauses 20 (黑中介、虚假招聘), 23 (意见反馈和投诉处理制度),
24 (满意度调查：服务环境、服务过程、服务结果); Ningde standard clause 20 (首问责任、
限时办结、一次性告知, 投诉举报渠道, 满意度调查).
"""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from forms.cases.base import CaseBase, CaseEventBase, QueryCodeMixin
from forms.cases.masking import mask_email, mask_name, mask_phone
from forms.cases.uploads import PrivateUploadBase
from forms.cases.working_days import add_working_days, unknown_years, working_days_between
from portal.encryption import EncryptedCharField, EncryptedEmailField


class Category(models.Model):
    """A complaint category (黑中介, 虚假招聘信息 … from Quanzhou clause 20 and common practice)."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    code = models.SlugField(_("Open311 服务代码"), max_length=40, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("投诉类别")
        verbose_name_plural = _("投诉类别")

    def __str__(self):
        return self.name


class ReplyTemplate(models.Model):
    """A public reply the handler starts from and adapts (答复模板)."""

    title = models.CharField(_("名称"), max_length=60, unique=True)
    body = models.TextField(_("答复内容"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("答复模板")
        verbose_name_plural = _("答复模板")

    def __str__(self):
        return self.title


@register_setting(icon="time")
class CaseTimeLimits(BaseGenericSetting):
    """时限. Ningde clause 20 requires 限时办结 without numbers; the defaults follow the
    12345 hotline norms and are the bureau's interpretation, editable here."""

    acknowledge_days = models.PositiveSmallIntegerField(_("受理时限（工作日）"), default=1)
    close_days = models.PositiveSmallIntegerField(_("办结时限（工作日）"), default=15)
    warn_days = models.PositiveSmallIntegerField(
        _("临期提醒（工作日）"), default=3, help_text=_("距办结时限不超过这么多工作日时标为“即将超期”。")
    )
    is_interpretation = models.BooleanField(
        _("属于解释性取值"),
        default=True,
        help_text=_("政策原文只要求“限时办结”，未规定天数；勾选时在公开页面注明这是本局的解释。"),
    )
    interpretation_note = models.CharField(
        _("取值说明"),
        max_length=200,
        default="宁德市实施方案附件1第20条要求“限时办结”，未规定天数；本平台参照12345热线规范取值。",
    )

    panels = [
        FieldPanel("acknowledge_days"),
        FieldPanel("close_days"),
        FieldPanel("warn_days"),
        MultiFieldPanel([FieldPanel("is_interpretation"), FieldPanel("interpretation_note")], heading=_("来源")),
    ]

    class Meta:
        verbose_name = _("投诉办理时限")


# --- Open311 clients ---------------------------------------------------------------


def key_digest(key):
    """SHA-256 of an api_key: the keys are 256 random bits, so a plain digest cannot be reversed or guessed, and it
    does not depend on SECRET_KEY (rotating that must not void every client's key)."""
    return hashlib.sha256(key.encode()).hexdigest()


class Open311Client(models.Model):
    """A system that files complaints through Open311 (a 12345 hotline's, an app's) with the api_key the bureau
    issued it. Only the key's digest is stored: the key is shown once, when it is issued, and a lost one is replaced
    by a new client. A client files only in its city's counties and is rate-limited per key."""

    KEY_BYTES = 32
    PREFIX_LENGTH = 8

    name = models.CharField(_("使用单位"), max_length=100, help_text=_("使用密钥提交投诉建议的单位或系统名称"))
    contact = models.CharField(_("联系人及联系方式"), max_length=200)
    city = models.ForeignKey(
        "portal.City",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("设区市"),
        help_text=_("只能提交本市各县（市、区）的投诉建议"),
    )
    key_prefix = models.CharField(_("密钥前缀"), max_length=PREFIX_LENGTH, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("签发人"),
    )
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("吊销人"),
    )
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Open311 客户端")
        verbose_name_plural = _("Open311 客户端")

    def __str__(self):
        return f"{self.name}（{self.key_prefix}…）"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def state_label(self):
        return _("已吊销") if self.is_revoked else _("有效")

    def issue_key(self):
        """A fresh key for this client; returns it in plain text (the only time it exists), keeps its digest."""
        key = secrets.token_urlsafe(self.KEY_BYTES)
        self.key_prefix = key[: self.PREFIX_LENGTH]
        self.key_digest = key_digest(key)
        return key

    def revoke(self, user):
        self.revoked_at = timezone.now()
        self.revoked_by = user

    @classmethod
    def holding(cls, key):
        """The unrevoked client whose key is ``key``, or None."""
        if not key:
            return None
        return cls.objects.filter(key_digest=key_digest(key), revoked_at=None).select_related("city").first()

    def record_use(self):
        self.last_used_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(last_used_at=self.last_used_at)


# --- Cases ---------------------------------------------------------------------


class Complaint(QueryCodeMixin, CaseBase):
    """A complaint (投诉) or a piece of feedback (意见建议) and its handling."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("投诉")
        FEEDBACK = "feedback", _("意见建议")

    class Status(models.TextChoices):
        NEW = "new", _("待受理")
        RETURNED = "returned", _("退回待转办")
        ACCEPTED = "accepted", _("已受理")
        IN_PROGRESS = "in_progress", _("办理中")
        REPLIED = "replied", _("已答复")
        CLOSED = "closed", _("已办结")
        REJECTED = "rejected", _("不予受理")
        DUPLICATE = "duplicate", _("重复件")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    class Extension(models.TextChoices):
        NONE = "", _("无")
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")

    FINAL_STATUSES = {Status.CLOSED, Status.REJECTED, Status.DUPLICATE}

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.COMPLAINT)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NEW)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("类别"))
    market = models.ForeignKey(
        "markets.MarketPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        verbose_name=_("涉及的零工市场（驿站）"),
    )
    county = models.ForeignKey(
        "portal.County", on_delete=models.PROTECT, related_name="complaints", verbose_name=_("发生地县（市、区）")
    )
    description = models.TextField(_("事情经过"))
    happened_on = models.DateField(_("发生日期"), null=True, blank=True)
    anonymous = models.BooleanField(_("匿名"), default=False)
    # Encrypted at rest (portal.encryption, settings.FIELD_ENCRYPTION_KEYS); the library stores an empty value as NULL.
    contact_name = EncryptedCharField(_("联系人"), max_length=50, blank=True, null=True)
    contact_phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)
    contact_email = EncryptedEmailField(_("电子邮箱"), blank=True, null=True)
    contact_erased_at = models.DateTimeField(_("联系方式删除时间"), null=True, blank=True, editable=False)
    submission_token = models.CharField(max_length=64, unique=True, editable=False)

    acknowledge_due = models.DateField(_("受理期限"))
    close_due = models.DateField(_("办结期限"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    public_reply = models.TextField(_("公开答复"), blank=True)
    published = models.BooleanField(
        _("公开"),
        default=False,
        help_text=_("公开的件（类别、状态、日期和公开答复）列入开放数据（Open311）；答复须经核对，不含个人信息"),
    )
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("重复于"))
    extension_state = models.CharField(
        _("延期"), max_length=10, choices=Extension.choices, default=Extension.NONE, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(_("延期工作日"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    rating = models.CharField(_("满意度评价"), max_length=15, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    open311_client = models.ForeignKey(
        Open311Client,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        editable=False,
        verbose_name=_("来源（Open311 客户端）"),
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("投诉建议件")
        verbose_name_plural = _("投诉建议件")

    # --- deadlines ---

    @property
    def is_open(self):
        return self.status not in self.FINAL_STATUSES

    def deadline_state(self, limits=None, today=None):
        """'overdue', 'due_soon' or '' for an open case (the badge in lists and the dashboard)."""
        if not self.is_open:
            return ""
        today = today or timezone.localdate()
        limits = limits or CaseTimeLimits.load()
        if self.status == self.Status.NEW and today > self.acknowledge_due:
            return "overdue"
        if today > self.close_due:
            return "overdue"
        if working_days_between(today, self.close_due) <= limits.warn_days:
            return "due_soon"
        return ""

    def set_deadlines(self, limits=None):
        limits = limits or CaseTimeLimits.load()
        received = timezone.localtime(self.submitted_at).date()
        self.acknowledge_due = add_working_days(received, limits.acknowledge_days)
        self.close_due = add_working_days(received, limits.close_days)

    def deadline_unknown_years(self):
        """Years between receipt and the last due date whose holidays are not known yet, so
        the due dates were counted Monday to Friday there."""
        received = timezone.localtime(self.submitted_at).date()
        return unknown_years(received, max(self.acknowledge_due, self.close_due))

    # --- contact details, masked ---

    @property
    def masked_contact(self):
        if self.anonymous:
            return _("匿名")
        parts = [mask_name(self.contact_name), mask_phone(self.contact_phone), mask_email(self.contact_email)]
        return " ".join(part for part in parts if part)

    @property
    def can_be_rated(self):
        return self.status == self.Status.CLOSED and not self.rating


class ComplaintEvent(CaseEventBase):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("提交")
        ASSIGNED = "assigned", _("转办")
        ACCEPTED = "accepted", _("受理")
        REJECTED = "rejected", _("不予受理")
        SENT_BACK = "sent_back", _("退回")
        STARTED = "started", _("办理")
        REPLIED = "replied", _("答复")
        CLOSED = "closed", _("办结")
        EXTENSION_ASKED = "ext_asked", _("申请延期")
        EXTENSION_APPROVED = "ext_approved", _("批准延期")
        EXTENSION_REFUSED = "ext_refused", _("不批准延期")
        REMINDED = "reminded", _("催办")
        DUPLICATE = "duplicate", _("标记重复")
        RATED = "rated", _("评价")
        NOTE = "note", _("备注")
        REVEALED = "revealed", _("查看联系方式")
        PUBLISHED = "published", _("公开")
        UNPUBLISHED = "unpublished", _("取消公开")
        ERASED = "erased", _("删除联系方式")

    case = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events", verbose_name=_("案件"))
    county = models.ForeignKey(
        "portal.County", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("转至")
    )

    class Meta(CaseEventBase.Meta):
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def get_to_status_display(self):
        return Complaint.Status(self.to_status).label if self.to_status in Complaint.Status.values else ""

    def get_action_display(self):
        return self.Action(self.action).label if self.action in self.Action.values else self.action


class ComplaintAttachment(PrivateUploadBase):
    upload_folder = "complaints"

    case = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


class SurveyResponse(models.Model):
    """满意度调查 (Quanzhou clause 24, Ningde clause 20): three aspects on a 1–5 scale."""

    class Respondent(models.TextChoices):
        WORKER = "worker", _("零工人员")
        EMPLOYER = "employer", _("用工主体")

    SCORE = [MinValueValidator(1), MaxValueValidator(5)]

    market = models.ForeignKey(
        "markets.MarketPage",
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("零工市场（驿站）"),
    )
    respondent = models.CharField(_("您是"), max_length=10, choices=Respondent.choices)
    environment = models.PositiveSmallIntegerField(_("服务环境"), validators=SCORE)
    process = models.PositiveSmallIntegerField(_("服务过程"), validators=SCORE)
    result = models.PositiveSmallIntegerField(_("服务结果"), validators=SCORE)
    comment = models.TextField(_("意见和建议"), blank=True, max_length=1000)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("满意度调查答卷")
        verbose_name_plural = _("满意度调查答卷")

    def __str__(self):
        return f"{self.market} {self.submitted_at:%Y-%m-%d}"


# --- The public pages ----------------------------------------------------------------
