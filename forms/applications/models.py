import io

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from forms.cases.base import CaseBase, CaseEventBase
from forms.cases.masking import mask_bank_account, mask_identity_number, mask_phone
from forms.cases.uploads import PrivateUploadBase
from policies.rules import yuan
from portal.encryption import EncryptedCharField
from portal.regions import City, County

from . import catalogue, documents


class OperatorProfile(models.Model):
    """The organisation behind an operator's account (运营单位)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operator_profile", verbose_name=_("账号")
    )
    organisation_name = models.CharField(_("单位名称"), max_length=100)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    legal_representative = models.CharField(_("法人代表或负责人"), max_length=50)
    registered_address = models.CharField(_("登记地址"), max_length=200)
    phone = EncryptedCharField(_("联系电话"), max_length=20)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属县（市、区）"))
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("运营单位")
        verbose_name_plural = _("运营单位")
        ordering = ["-created_at"]

    def __str__(self):
        return self.organisation_name

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    masked_phone.fget.short_description = _("联系电话")

    def form_values(self):
        """The organisation's part of every application form, keyed as in the catalogue."""
        return {
            "organisation_name": self.organisation_name,
            "legal_representative": self.legal_representative,
            "uscc": self.uscc,
            "registered_address": self.registered_address,
            "phone": self.phone,
            "county": self.county.name,
        }


class FormDownloadPage(RoutablePageMixin, Page):
    """One city's blank application forms and materials lists, under 办事服务."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+", verbose_name=_("设区市"))
    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("city"), FieldPanel("intro")]
    parent_page_types = ["forms.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("申请表格下载页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["downloads"] = [
            (spec, self.blank_form_url(spec.key)) for spec in catalogue.forms_for_city(self.city.slug)
        ]
        context["material_lists"] = [
            (label, catalogue.materials_for(self.city.slug, key)) for key, label in catalogue.SUBSIDY_TYPES.items()
        ]
        context["materials_interpretation"] = catalogue.materials_interpretation(self.city.slug)
        return context

    def blank_form_url(self, form_key):
        return self.url + self.reverse_subpage("blank_form", args=[form_key])

    @path("<slug:form_key>/", name="blank_form")
    def blank_form(self, request, form_key):
        spec = catalogue.FORMS.get((self.city.slug, form_key))
        if spec is None:
            raise Http404
        content = documents.as_bytes(documents.blank_document(spec))
        return FileResponse(
            io.BytesIO(content), as_attachment=True, filename=spec.docx_name, content_type=documents.DOCX_CONTENT_TYPE
        )


# --- Applications -------------------------------------------------------------------------------

# The personal numbers on the forms, shown masked to anyone who has not asked (and been logged) to see them.
MASKS = {"manager_id_number": mask_identity_number, "bank_account": mask_bank_account, "phone": mask_phone}


class Application(CaseBase):
    """An operator's recognition or subsidy application: a case the county reviews.

    Its fields are the applicant's cells of the catalogue's form (``catalogue.applicant_keys``),
    one column each, so the page, the .docx and the review all read the same values.  The
    identity, bank account and phone numbers are encrypted at rest (settings.SALT_KEY from
    FIELD_ENCRYPTION_KEYS) and appear masked unless a reviewer opens them, which is logged.
    """

    RECEIPT_PREFIXES = {catalogue.RECOGNITION: "RD", catalogue.SUBSIDY: "BZ"}

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待审核")
        RETURNED = "returned", _("退回修改")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("不予通过")

    class FormKind(models.TextChoices):
        RECOGNITION = catalogue.RECOGNITION, _("认定申请")
        SUBSIDY = catalogue.SUBSIDY, _("补助资金申请")

    EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}
    FINAL_STATUSES = {Status.APPROVED, Status.REJECTED}

    operator = models.ForeignKey(
        OperatorProfile, on_delete=models.PROTECT, related_name="applications", verbose_name=_("运营单位")
    )
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+", verbose_name=_("设区市"))
    form_kind = models.CharField(_("申请事项"), max_length=12, choices=FormKind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    bureau_comment = models.TextField(_("审核意见"), blank=True)

    # The organisation (both forms)
    organisation_name = models.CharField(_("申请单位名称"), max_length=100)
    legal_representative = models.CharField(_("法人代表或负责人"), max_length=50)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    registered_address = models.CharField(_("登记地址"), max_length=200)
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)

    # The market (recognition form; name and address also on the subsidy form)
    market_name = models.CharField(_("零工市场（驿站）名称"), max_length=100)
    market_type = models.CharField(_("类型"), max_length=10, choices=list(catalogue.MARKET_TYPES.items()), blank=True)
    market_address = models.CharField(_("零工市场（驿站）地址"), max_length=200)
    manager_name = models.CharField(_("负责人姓名"), max_length=50, blank=True)
    manager_id_number = EncryptedCharField(_("负责人身份证号码"), max_length=18, blank=True, null=True)
    floor_area = models.DecimalField(
        _("建筑面积（平方米）"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    total_investment = models.DecimalField(
        _("累计投资总额（万元）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    jobs_offered = models.PositiveIntegerField(_("提供岗位数"), null=True, blank=True)
    people_placed = models.PositiveIntegerField(_("推荐就业人数"), null=True, blank=True)
    uses_platform = models.CharField(
        _("是否使用零工平台"), max_length=3, choices=[("yes", _("是")), ("no", _("否"))], blank=True
    )

    # The subsidy (subsidy form)
    bank_name = models.CharField(_("开户银行"), max_length=100, blank=True)
    bank_account = EncryptedCharField(_("银行账号"), max_length=40, blank=True, null=True)
    account_name = models.CharField(_("户名"), max_length=100, blank=True)
    amount = models.DecimalField(
        _("申请补贴金额（万元）"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    subsidy_type = models.CharField(
        _("申请补贴类型"), max_length=12, choices=list(catalogue.SUBSIDY_TYPES.items()), blank=True
    )
    # Not printed on the subsidy form, but what the rules engine needs to compute the amount. A performance subsidy
    # follows the county's assessed score once its 公示 has passed (泉州方案二（二）"按照相应得分给予发放绩效补助";
    # 二（三）"评审结果经公示无异议后，按规定将补助资金支付到申请单位账户"): the annual assessment hands it over when
    # the operator starts the application from it (review.start_performance_subsidy); the operator never types it.
    assessed_score = models.DecimalField(
        _("经公示的考核总分"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    assessment_receipt_no = models.CharField(_("年度考核编号"), max_length=32, blank=True, editable=False)
    months_in_operation = models.PositiveSmallIntegerField(_("认定后运营月数"), null=True, blank=True)

    # What the rules engine made of it when it was last submitted (for the reviewer), by the rules of the policy
    # in force on the day it was first submitted.
    rules_as_of = models.DateField(_("适用规则的日期"), null=True, blank=True, editable=False)
    rules_policy = models.ForeignKey(
        "policies.PolicyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("适用政策"),
    )
    computed_amount_yuan = models.PositiveIntegerField(_("按规则测算金额（元）"), null=True, blank=True)
    rules_summary = models.TextField(_("规则测算说明"), blank=True)
    amount_differs = models.BooleanField(_("申请金额与测算不一致"), default=False)

    market_page = models.ForeignKey(
        "markets.MarketPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("目录页面（草稿）"),
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("申请")
        verbose_name_plural = _("申请")
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "assessment_receipt_no"],
                condition=~models.Q(assessment_receipt_no=""),
                name="one_application_per_assessment",
            )
        ]

    @property
    def spec(self):
        return catalogue.form_spec(self.city.slug, self.form_kind)

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def from_assessment(self):
        """Started from an annual assessment's final result: its market, type and score are the assessment's."""
        return bool(self.assessment_receipt_no)

    @property
    def material_list_key(self):
        """Which seed list of materials applies: Quanzhou's plan files recognition with the one-time subsidy."""
        return self.subsidy_type if self.form_kind == catalogue.SUBSIDY else catalogue.ONE_TIME

    @property
    def materials(self):
        """The seed's list for this application; none until a subsidy application has chosen its type."""
        if not self.material_list_key:
            return ()
        return catalogue.materials_for(self.city.slug, self.material_list_key)

    def missing_materials(self):
        uploaded = set(self.documents.values_list("material_number", flat=True))
        return [item for item in self.materials if item.number not in uploaded]

    def form_values(self, masked=False):
        """The applicant's values keyed as in the catalogue; numbers in full unless ``masked``."""
        values = {key: getattr(self, key) for key in catalogue.applicant_keys(self.spec) if key != "county"}
        values["county"] = self.handling_county.name
        if masked:
            values.update({key: mask(values[key] or "") for key, mask in MASKS.items() if key in values})
        return values

    @property
    def computed_amount_text(self):
        """e.g. 5万元, as the policies speak of subsidies."""
        return yuan(self.computed_amount_yuan)

    @property
    def masked_manager_id_number(self):
        return mask_identity_number(self.manager_id_number or "")

    @property
    def masked_bank_account(self):
        return mask_bank_account(self.bank_account or "")

    @property
    def masked_phone(self):
        return mask_phone(self.phone or "")


class ApplicationEvent(CaseEventBase):
    class Action(models.TextChoices):
        CREATED = "created", _("填写")
        SUBMITTED = "submitted", _("提交")
        RESUBMITTED = "resubmitted", _("重新提交")
        RETURNED = "returned", _("退回修改")
        APPROVED = "approved", _("审核通过")
        REJECTED = "rejected", _("不予通过")
        REVEALED = "revealed", _("查看完整号码")

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("申请"))

    class Meta(CaseEventBase.Meta):
        verbose_name = _("申请办理记录")
        verbose_name_plural = _("申请办理记录")

    def get_action_display(self):
        return self.Action(self.action).label if self.action in self.Action.values else self.action

    def get_to_status_display(self):
        statuses = Application.Status
        return statuses(self.to_status).label if self.to_status in statuses.values else ""


class ApplicationDocument(PrivateUploadBase):
    """One uploaded file for one of the seed's numbered materials (①, ② …)."""

    upload_folder = "applications"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    material_number = models.CharField(_("材料序号"), max_length=4)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["material_number", "uploaded_at"]
        verbose_name = _("申报材料")
        verbose_name_plural = _("申报材料")
