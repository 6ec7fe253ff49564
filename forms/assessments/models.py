"""The annual assessment (年度绩效考核) as a kind of case.

A city's bureau opens an ``AssessmentRound`` per year; each eligible market's operator files one ``Assessment``:
the placement roster (附件4, ``PlacementRow``), the self-assessment per item of the work assessment form (附件5,
``AssessmentItem`` with ``AssessmentEvidence``) and the 工作运营方案落实情况报告. The county's experts score each
item (``ExpertScore``); the item's assessed score combines theirs, and the assessed total gives the star and the
performance subsidy by the rules in force on the round's date.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms.applications.models import OperatorProfile
from forms.cases.base import CaseBase, CaseEventBase, QueryCodeMixin
from forms.cases.masking import mask_identity_number, mask_name, mask_phone
from forms.cases.uploads import PrivateUploadBase
from policies.rules import yuan
from portal.encryption import EncryptedCharField
from portal.regions import City

POINTS = {"max_digits": 5, "decimal_places": 1, "validators": [MinValueValidator(0), MaxValueValidator(100)]}


class AssessmentRound(models.Model):
    """One city's assessment of one year: who takes part, when operators file, when the county has scored."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+", verbose_name=_("设区市"))
    year = models.PositiveSmallIntegerField(
        _("考核年度"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    reference_date = models.DateField(
        _("考核基准日"),
        help_text=_("按此日计算运营时间（谁参加考核），并按此日有效的政策文件评分、定星级、算补助。"),
    )
    period_start = models.DateField(_("考核期起"), help_text=_("花名册的推荐时间须在考核期内。"))
    period_end = models.DateField(_("考核期止"))
    opens_on = models.DateField(_("运营单位报送开始日期"))
    closes_on = models.DateField(_("运营单位报送截止日期"))
    scoring_due = models.DateField(_("县级考核完成时限"))
    scoring_due_basis = models.CharField(
        _("考核时限依据"),
        max_length=200,
        help_text=_("如 实施方案 二（二）：每年11月30日前；原文未规定时写明由人社局确定。"),
    )
    scoring_due_is_interpretation = models.BooleanField(
        _("考核时限为解读取值"), default=False, help_text=_("原文未规定考核时限，由人社局确定")
    )
    announced_at = models.DateTimeField(_("通知时间"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "city__sort_order"]
        constraints = [models.UniqueConstraint(fields=["city", "year"], name="assessments_one_round_per_city_year")]
        verbose_name = _("考核年度")
        verbose_name_plural = _("考核年度")

    def __str__(self):
        return f"{self.city.name}{self.year}年度零工市场（驿站）考核"


class Assessment(CaseBase):
    """One market's assessment in one round: filed by its operator, scored by its county."""

    RECEIPT_PREFIX = "KH"

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待考核")
        RETURNED = "returned", _("退回修改")
        SCORED = "scored", _("已考核")
        PUBLICISED = "publicised", _("公示中")
        FINAL = "final", _("结果确定")

    EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("考核年度")
    )
    operator = models.ForeignKey(
        OperatorProfile, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("运营单位")
    )
    market = models.ForeignKey(
        "markets.MarketPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("零工市场（驿站）")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True, editable=False)
    bureau_comment = models.TextField(_("考核意见"), blank=True)

    # The facts the rules score items from, as the operator states them (with evidence).
    jobs_posted = models.PositiveIntegerField(
        _("年发布岗位信息数"), null=True, blank=True, help_text=_("第4项：依托零工平台全年发布的岗位信息（个）")
    )
    recommendations_per_seeker = models.DecimalField(
        _("每名登记求职人员获推荐次数"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("第7项：每名登记在册的求职人员至少获得的推荐次数"),
    )

    self_total = models.DecimalField(_("自评总分"), null=True, blank=True, **POINTS)
    assessed_total = models.DecimalField(_("考核总分"), null=True, blank=True, **POINTS)
    stars = models.PositiveSmallIntegerField(_("星级"), null=True, blank=True)
    subsidy_yuan = models.PositiveIntegerField(_("绩效补助（元）"), null=True, blank=True)
    rules_policy = models.ForeignKey(
        "policies.PolicyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("适用政策"),
    )
    result_summary = models.TextField(_("考核结果说明"), blank=True)
    scored_at = models.DateTimeField(_("考核完成时间"), null=True, blank=True)
    publicity = models.ForeignKey(
        "ResultPublicity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        editable=False,
        verbose_name=_("结果公示"),
    )
    finalised_on = models.DateField(_("结果确定日期"), null=True, blank=True, editable=False)
    paid_on = models.DateField(_("补助拨付日期"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "market"], name="assessments_one_assessment_per_market_round")
        ]
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def has_result(self):
        """Scored: the assessed total, star and subsidy are known (final only once its 公示 has ended)."""
        return self.status in {self.Status.SCORED, self.Status.PUBLICISED, self.Status.FINAL}

    @property
    def is_final(self):
        return self.status == self.Status.FINAL

    @property
    def subsidy_text(self):
        return yuan(self.subsidy_yuan) if self.subsidy_yuan is not None else ""


class ResultPublicity(models.Model):
    """The 公示 of a round's scored results for a county (or the whole city), with its period.

    Quanzhou 二（三）: "评审结果经公示无异议后，按规定将补助资金支付到申请单位账户". Publishing writes the notice
    (``notice``) the public reads; during the period anyone may raise an objection (``AssessmentObjection``).
    """

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.PROTECT, related_name="publicities", verbose_name=_("考核年度")
    )
    county = models.ForeignKey(
        "portal.County",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("县（市、区）"),
        help_text=_("留空表示全市"),
    )
    starts_on = models.DateField(_("公示开始日期"))
    ends_on = models.DateField(_("公示结束日期"))
    notice = models.ForeignKey(
        "notices.NoticePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("公示通知"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("发布人")
    )
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("考核结果公示")
        verbose_name_plural = _("考核结果公示")

    def __str__(self):
        return self.title

    @property
    def area_name(self):
        return self.county.name if self.county_id else self.round.city.name

    @property
    def title(self):
        return f"{self.area_name}{self.round.year}年度零工市场（驿站）考核结果公示"


class AssessmentObjection(CaseBase, QueryCodeMixin):
    """An objection (异议) the public raises against a result during its 公示; the bureau answers it.

    An upheld objection sends the assessment back to its county for rescoring."""

    RECEIPT_PREFIX = "YY"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待处理")
        UPHELD = "upheld", _("异议成立")
        DISMISSED = "dismissed", _("异议不成立")

    publicity = models.ForeignKey(
        ResultPublicity, on_delete=models.PROTECT, related_name="objections", verbose_name=_("结果公示")
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="objections", verbose_name=_("异议对象")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    reason = models.TextField(_("异议内容和理由"), max_length=3000)
    contact_name = models.CharField(_("姓名"), max_length=50, blank=True, null=True)
    contact_phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)
    answer = models.TextField(_("处理意见"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True, editable=False)
    submission_token = models.CharField(max_length=64, unique=True, editable=False)
    contact_erased_at = models.DateTimeField(_("联系方式删除时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")

    @property
    def is_answered(self):
        return self.status != self.Status.SUBMITTED

    @property
    def masked_phone(self):
        return mask_phone(self.contact_phone or "")

    @property
    def masked_name(self):
        return mask_name(self.contact_name or "")


class AssessmentObjectionEvent(CaseEventBase):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("提出异议")
        UPHELD = "upheld", _("异议成立")
        DISMISSED = "dismissed", _("异议不成立")
        REVEALED = "revealed", _("查看完整号码")
        ERASED = "erased", _("删除联系方式")

    case = models.ForeignKey(
        AssessmentObjection, on_delete=models.CASCADE, related_name="events", verbose_name=_("公示异议")
    )

    class Meta(CaseEventBase.Meta):
        verbose_name = _("异议办理记录")
        verbose_name_plural = _("异议办理记录")

    def get_action_display(self):
        return self.Action(self.action).label if self.action in self.Action.values else self.action


class AssessmentItem(models.Model):
    """One item of the work assessment form: the operator's 自评分值 with evidence, and the 考核分值."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("序号"))
    self_points = models.DecimalField(_("自评分值"), null=True, blank=True, **POINTS)
    evidence_text = models.TextField(_("佐证说明"), max_length=1000, blank=True)
    assessed_points = models.DecimalField(_("考核分值"), null=True, blank=True, editable=False, **POINTS)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="assessments_one_row_per_item")]
        verbose_name = _("考核项目得分")
        verbose_name_plural = _("考核项目得分")

    def __str__(self):
        return f"{self.assessment}第{self.number}项"


class AssessmentEvidence(PrivateUploadBase):
    """A file backing one item (``item_number``), or the 工作运营方案落实情况报告 (item 0)."""

    REPORT = 0
    upload_folder = "assessments"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    item_number = models.PositiveSmallIntegerField(_("考核项目序号"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["item_number", "uploaded_at"]
        verbose_name = _("考核佐证材料")
        verbose_name_plural = _("考核佐证材料")


class AssessmentHonour(models.Model):
    """Item 16: an honour or press report, with its level and date (only recent ones count)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("国家级")
        PROVINCIAL = "provincial", _("省级")
        CITY = "city", _("市级")
        COUNTY = "county", _("县级")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="honours")
    title = models.CharField(_("荣誉或报道"), max_length=200)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    awarded_on = models.DateField(_("获得日期"))

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = _("荣誉和宣传报道")
        verbose_name_plural = _("荣誉和宣传报道")

    def __str__(self):
        return f"{self.get_level_display()} {self.title}"


def person_digest(id_number: str) -> str:
    """A keyed digest of an identity number, so rosters can be compared without decrypting them."""
    return hmac.new(settings.SECRET_KEY.encode(), f"roster:{id_number}".encode(), hashlib.sha256).hexdigest()


class PlacementRow(models.Model):
    """One row of the placement roster (推荐成功就业花名册), with exactly the annex's columns.

    The worker's identity and phone numbers are third parties' sensitive personal information: encrypted at
    rest, masked everywhere, opened in full only by the county's reviewer (recorded in the case's history).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="placements")
    row_number = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedCharField(_("身份证号码"), max_length=18, null=True)  # None once erased (retention.py)
    residence = models.CharField(_("现居住地"), max_length=200)
    phone = EncryptedCharField(_("联系电话"), max_length=20, null=True)  # None once erased
    employer = models.CharField(_("实现就业企业名称"), max_length=200)
    placed_on = models.DateField(_("推荐时间"))
    person_digest = models.CharField(max_length=64, db_index=True, editable=False)

    class Meta:
        ordering = ["row_number", "pk"]
        verbose_name = _("推荐成功就业人员")
        verbose_name_plural = _("推荐成功就业花名册")

    def __str__(self):
        return f"{self.row_number} {self.masked_name}"

    def save(self, *args, **kwargs):
        self.person_digest = person_digest(self.id_number)
        super().save(*args, **kwargs)

    @property
    def masked_name(self):
        return mask_name(self.name)

    @property
    def masked_id_number(self):
        return mask_identity_number(self.id_number)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


class ExpertScore(models.Model):
    """One expert's score of one item, with a comment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="expert_scores")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("考核专家")
    )
    number = models.PositiveSmallIntegerField(_("考核项目序号"))
    points = models.DecimalField(_("评分"), **POINTS)
    comment = models.CharField(_("评分说明"), max_length=500, blank=True)
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        ordering = ["number", "expert_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "expert", "number"], name="assessments_one_score_per_expert_item"
            )
        ]
        verbose_name = _("专家评分")
        verbose_name_plural = _("专家评分")

    def __str__(self):
        return f"{self.assessment}第{self.number}项 {self.points}分"


class AssessmentEvent(CaseEventBase):
    class Action(models.TextChoices):
        CREATED = "created", _("填写")
        SUBMITTED = "submitted", _("提交")
        RESUBMITTED = "resubmitted", _("重新提交")
        RETURNED = "returned", _("退回修改")
        EXPERT_SCORED = "expert_scored", _("专家评分")
        SCORED = "scored", _("考核完成")
        PUBLICISED = "publicised", _("结果公示")
        REOPENED = "reopened", _("异议成立，重新考核")
        FINALISED = "finalised", _("公示期满，结果确定")
        PAID = "paid", _("拨付补助")
        REVEALED = "revealed", _("查看完整号码")
        ERASED = "erased", _("删除个人信息")

    case = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events", verbose_name=_("考核"))

    class Meta(CaseEventBase.Meta):
        verbose_name = _("考核办理记录")
        verbose_name_plural = _("考核办理记录")

    def get_action_display(self):
        return self.Action(self.action).label if self.action in self.Action.values else self.action
