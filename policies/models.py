"""Policy documents as structured content: pages, numbered clauses, annexes, comments on drafts,
assessment criteria linked to clauses, and the rule values the rules engine reads."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal import content_version
from portal.encryption import EncryptedCharField
from portal.pages import IntroPage
from portal.vocabulary import FacilityType

from .blocks import PolicyBodyBlock
from .comments import receive_comment
from .documents import OfficialDocument, current_versions  # noqa: F401  (the app's document model lives there)
from .forms import CommentForm
from .library import DocumentLibraryPage  # noqa: F401  (a page model of this app)
from .listing import policy_listing
from .status import LABELS as STATUS_LABELS
from .status import policy_status


class PolicyIndexPage(IntroPage):
    """政策文件: the list of policies, filterable by city, kind and status."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["policies.PolicyPage", "policies.PolicyInterpretationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("政策文件栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = policy_listing(
            PolicyPage.objects.child_of(self).live(),
            PolicyInterpretationPage.objects.child_of(self).live(),
            request.GET,
            policy_kinds=PolicyPage.Kind.choices,
            today=timezone.localdate(),
        )
        context.update(listing)
        return context

    def route(self, request, path_components):
        """A policy or interpretation fetched with its own fields in one query (Wagtail's route takes two)."""
        if path_components:
            child = self.child_of_type_by_slug(path_components[0])
            if child is not None:
                child._cached_parent_obj = self  # as Wagtail's route does: its get_parent() needs no query
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def child_of_type_by_slug(self, slug):
        for model in (PolicyPage, PolicyInterpretationPage):
            child = model.objects.child_of(self).filter(slug=slug).first()
            if child is not None:
                return child
        return None


class PolicyPage(Page):
    """A policy document with the metadata of a Chinese government document and a structured body."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("实施方案")
        STANDARD = "standard", _("标准")
        NOTICE = "notice", _("通知")
        MEASURES = "measures", _("办法")
        OTHER = "other", _("其他")

    document_number = models.CharField(
        _("文号"), max_length=60, blank=True, help_text=_("如 宁人社规〔2024〕3号，可为空")
    )
    issuing_bodies = models.CharField(_("发文机关"), max_length=200)
    issue_date = models.DateField(_("成文日期"), null=True, blank=True)
    issue_date_text = models.CharField(
        _("成文日期（原文写法）"),
        max_length=30,
        blank=True,
        help_text=_("原文日期不完整时填写，如“2025年3月”；页面显示此写法，排序仍用成文日期"),
    )
    effective_date = models.DateField(_("施行日期"), null=True, blank=True)
    expiry_date = models.DateField(_("有效期至"), null=True, blank=True)
    kind = models.CharField(_("文件类型"), max_length=20, choices=Kind.choices, default=Kind.PLAN)
    city = models.ForeignKey(
        "portal.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
        verbose_name=_("设区市"),
    )
    is_consultation_draft = models.BooleanField(_("征求意见稿"), default=False)
    consultation_closes = models.DateField(
        _("征求意见截止日期"), null=True, blank=True, help_text=_("截止日当天仍可提交意见；留空表示截止日期另行公布")
    )
    body = StreamField(PolicyBodyBlock(), verbose_name=_("正文"), blank=True)
    clauses_title = models.CharField(
        _("条款部分标题"),
        max_length=120,
        blank=True,
        help_text=_("如 附件1 泉州市零工市场标准化建设与服务管理标准（试行）"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("issuing_bodies"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("issue_date_text")]),
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("expiry_date")]),
                FieldRowPanel([FieldPanel("is_consultation_draft"), FieldPanel("consultation_closes")]),
            ],
            heading=_("文件信息"),
        ),
        FieldPanel("body"),
        FieldPanel("clauses_title"),
        InlinePanel("clauses", heading=_("条款"), label=_("条款")),
        InlinePanel("annexes", heading=_("附件"), label=_("附件")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("issuing_bodies"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("city"),
    ]
    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def status_on(self, today):
        return policy_status(
            today=today,
            is_consultation_draft=self.is_consultation_draft,
            consultation_closes=self.consultation_closes,
            effective_date=self.effective_date,
            expiry_date=self.expiry_date,
        )

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    @property
    def valid_from(self):
        """The first day its rules apply: the effective date, or for a draft (never issued) its date."""
        return self.effective_date or self.issue_date

    def applies_on(self, day):
        """Whether the rule values it sets are the ones to apply to a case about ``day``."""
        starts, ends = self.valid_from, self.expiry_date
        return (starts is None or starts <= day) and (ends is None or day <= ends)

    def accepts_comments(self, today=None):
        return self.status_on(today or timezone.localdate()).code == "consultation"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The text and clauses are kept in the cache (templates/policies/includes/policy_text.html): read the
        # clauses only when they are rendered, under this version of the site on this day.
        context["clause_groups"] = self.clause_groups
        context["has_clauses"] = self.clauses.exists()
        context["text_version"] = (
            f"{self.pk}:{self.latest_revision_id}:{content_version.current()}:{timezone.localdate()}"
        )
        context["annexes"] = annexes_with_current_files(self.annexes.select_related("document"))
        context["interpretations"] = PolicyInterpretationPage.objects.live().filter(policy=self).order_by("-issue_date")
        if self.is_consultation_draft:
            context["published_comments"] = self.comments.filter(status=PolicyComment.Status.PUBLISHED)
            context["comment_form"] = kwargs.get("comment_form") or CommentForm(page=self)
            context["comment_received"] = request.GET.get("comment") == "received"
        return context

    def clause_groups(self):
        return group_by_section(self.clauses_with_criteria())

    def clauses_with_criteria(self):
        """The clauses in order, each with ``listed_criteria``: the assessment items it governs, with their city.

        A preview's clauses come from the revision: one the editor has just added has no criteria yet."""
        clauses = list(self.clauses.order_by("number"))
        saved = [clause for clause in clauses if clause.pk is not None]
        criteria = AssessmentCriterion.objects.select_related("city")
        models.prefetch_related_objects(saved, models.Prefetch("criteria", criteria, to_attr="listed_criteria"))
        for clause in clauses:
            if clause.pk is None:
                clause.listed_criteria = []
        return clauses

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and self.is_consultation_draft:
            return receive_comment(self, request)
        return super().serve(request, *args, **kwargs)


def group_by_section(clauses):
    """[(section heading, [clauses])] in clause order, one group per run of the same heading."""
    groups = []
    for clause in clauses:
        if not groups or groups[-1][0] != clause.section:
            groups.append((clause.section, []))
        groups[-1][1].append(clause)
    return groups


class PolicyClause(index.Indexed, models.Model):
    """One numbered clause (e.g. clause 21 of a standard), citable by its anchor #clause-21."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("所属文件"))
    number = models.PositiveSmallIntegerField(_("条款序号"))
    section = models.CharField(_("所属章节"), max_length=120, blank=True, help_text=_("如 二、基础设施 （一）服务场所"))
    text = models.TextField(_("条款内容"))

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("section")]), FieldPanel("text")]
    search_fields = [
        index.SearchField("text"),
        index.SearchField("section"),
        index.FilterField("page"),
    ]

    class Meta:
        ordering = ["page", "number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="policies_clause_unique_number")]
        verbose_name = _("条款")
        verbose_name_plural = _("条款")

    def __str__(self):
        return f"{self.page.title} 第{self.number}条"

    def get_absolute_url(self):
        return f"{self.page.url}#{self.anchor}"

    @property
    def anchor(self):
        return f"clause-{self.number}"

    @property
    def citation(self):
        source = self.page.clauses_title.split()[0] if self.page.clauses_title else self.page.title
        return f"{source} 第{self.number}条"


def annexes_with_current_files(annexes):
    """The annexes, each with ``current_document``: the newest version of its file."""
    annexes = list(annexes)
    newest = current_versions([annex.document for annex in annexes if annex.document is not None])
    for annex in annexes:
        annex.current_document = newest.get(annex.document_id)
    return annexes


class PolicyAnnex(Orderable):
    """An annex (附件) listed on its policy, with its download when the bureau has one."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="annexes", verbose_name=_("所属文件"))
    label = models.CharField(_("附件编号"), max_length=20, help_text=_("如 附件2"))
    title = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("下载文件"),
    )

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("title")]),
        FieldPanel("description"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return f"{self.label} {self.title}"

    @property
    def anchor(self):
        return f"annex-{self.pk}"


class PolicyInterpretationPage(Page):
    """政策解读: a plain-language explanation linked to the policy it explains."""

    policy = models.ForeignKey(
        PolicyPage, on_delete=models.PROTECT, related_name="interpretation_pages", verbose_name=_("所解读的政策文件")
    )
    issuing_bodies = models.CharField(_("发布机关"), max_length=200)
    issue_date = models.DateField(_("发布日期"), null=True, blank=True)
    body = RichTextField(_("解读内容"), features=["h2", "h3", "bold", "ol", "ul", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("policy"),
        FieldRowPanel([FieldPanel("issuing_bodies"), FieldPanel("issue_date")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    kind_label = _("政策解读")


class PolicyComment(models.Model):
    """A public comment on a consultation draft, shown only after the bureau publishes it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        PUBLISHED = "published", _("已公开")
        REJECTED = "rejected", _("不予公开")

    page = models.ForeignKey(
        PolicyPage, on_delete=models.CASCADE, related_name="comments", verbose_name=_("征求意见稿")
    )
    clause = models.ForeignKey(
        PolicyClause,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("针对条款"),
    )
    text = models.TextField(_("意见内容"), max_length=2000)
    contact = EncryptedCharField(
        _("联系方式"), max_length=100, blank=True, null=True, help_text=_("选填，仅工作人员可见")
    )
    contact_erased_at = models.DateTimeField(_("联系方式删除时间"), null=True, blank=True, editable=False)
    status = models.CharField(_("审核状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    reply = models.TextField(_("答复"), blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self):
        return f"{self.page.title}：{self.text[:20]}"


COMPUTATIONS = [
    ("staff", _("按工作人员数")),
    ("postings", _("按年发布岗位数")),
    ("recommendations", _("按人均推荐次数")),
    ("placements", _("按月均推荐成功就业人数")),
    ("honors", _("按荣誉和宣传报道")),
]


class AssessmentCriterion(models.Model):
    """One item of a city's work assessment form (工作考核表), governed by one or more clauses."""

    city = models.ForeignKey("portal.City", on_delete=models.PROTECT, related_name="criteria", verbose_name=_("设区市"))
    number = models.PositiveSmallIntegerField(_("序号"))
    category = models.CharField(_("考核内容"), max_length=40, help_text=_("如 基础设施（10分）"))
    title = models.CharField(_("考核项目"), max_length=40)
    rule_text = models.TextField(_("评分规则"))
    max_points = models.DecimalField(_("基本分值"), max_digits=5, decimal_places=1)
    clauses = models.ManyToManyField(PolicyClause, blank=True, related_name="criteria", verbose_name=_("依据条款"))
    computation = models.CharField(
        _("自动计算"),
        max_length=20,
        choices=COMPUTATIONS,
        blank=True,
        help_text=_("补贴测算按哪类事实自动计分；留空表示由考核专家评分"),
    )
    is_interpretation = models.BooleanField(
        _("属于解释性取值"), default=False, help_text=_("原文未给出此考核项目，由人社局按解读取值")
    )
    interpretation_note = models.CharField(_("取值说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["city__sort_order", "number"]
        constraints = [models.UniqueConstraint(fields=["city", "number"], name="policies_criterion_unique_number")]
        verbose_name = _("考核项目")
        verbose_name_plural = _("考核项目")

    def __str__(self):
        return f"{self.city.name}考核表第{self.number}项 {self.title}"

    def get_absolute_url(self):
        return reverse("policies:criterion", args=[self.city.slug, self.number])


class RuleValue(models.Model):
    """One value the rules engine uses (a threshold, a band, an amount), citing where it comes from.

    Every value belongs to the policy that sets it, and so carries that policy's city and validity: a case is
    judged by the rule set of the policy that applies on its date. Bands are rows of the same key:
    ``threshold`` is where the band starts (see each key's help) and ``value`` what it gives. Values the
    source leaves open are marked ``is_interpretation`` with a note that the calculator and the API show next
    to the result.
    """

    class Key(models.TextChoices):
        MIN_AREA = "min_area_m2", _("最低服务场所面积（㎡）")
        MIN_STAFF = "min_staff", _("最低工作人员数")
        MIN_MONTHS = "min_months_for_performance", _("星级认定和绩效考核前须运营的月数")
        ONE_TIME_BY_AREA = "one_time_by_area", _("一次性运维补助（元），面积大于门槛（0 表示从最低面积起）")
        STARS_BY_SCORE = "stars_by_score", _("星级，得分达到门槛")
        SUBSIDY_BY_STARS = "subsidy_by_stars", _("绩效补助（元），按星级（门槛为星级）")
        SUBSIDY_BY_SCORE = "subsidy_by_score", _("绩效补助（元），得分达到门槛")
        STAFF_POINTS = "staff_points", _("第2项得分，工作人员数达到门槛")
        POSTINGS_POINTS = "postings_points", _("第4项得分，年发布岗位数达到门槛")
        RECOMMENDATION_POINTS = "recommendation_points", _("第7项得分，人均推荐次数达到门槛")
        PLACEMENT_BASE = "placement_base", _("第9项基准：月均成功就业人数")
        PLACEMENT_BASE_POINTS = "placement_base_points", _("第9项基准得分")
        PLACEMENT_POINTS_PER_EXTRA = "placement_points_per_extra", _("第9项每多1人加分")
        PLACEMENT_POINTS_BELOW_BASE = "placement_points_below_base", _("第9项低于基准时每人得分")
        PLACEMENT_CAP = "placement_cap", _("第9项满分")
        HONOR_POINTS = "honor_points", _("第16项每项荣誉得分（门槛：1国家级 2省级 3市级 4县级）")
        HONOR_CAP = "honor_cap", _("第16项满分")
        HONOR_YEARS = "honor_years", _("第16项计入近几年的荣誉（年）")
        SCORE_DECIMALS = "score_decimals", _("总分对照分数段前保留的小数位数（四舍五入）")
        RECOMMENDATION_SHARE = "recommendation_share", _("第7项须达到推荐次数的登记求职人员比例（%）")
        PLACEMENT_FRACTIONS = "placement_fractions", _("第9项超出基准的不足1人部分：0 不计分，1 按比例计分")
        EXPERT_TRIM = "expert_trim", _("年度考核各项考核分值：去掉专家评分最高、最低各几个后取平均（0 表示直接平均）")

    policy = models.ForeignKey(
        PolicyPage,
        on_delete=models.CASCADE,
        related_name="rule_values",
        verbose_name=_("所属政策文件"),
        help_text=_("设定此取值的政策文件；案件按其日期适用的政策文件的取值办理"),
    )
    facility_type = models.CharField(
        _("适用类型"), max_length=10, choices=FacilityType.choices, blank=True, help_text=_("留空表示市场和驿站通用")
    )
    key = models.CharField(_("规则"), max_length=40, choices=Key.choices)
    threshold = models.DecimalField(_("门槛"), max_digits=9, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(_("取值"), max_digits=12, decimal_places=2)
    citation = models.CharField(_("出处"), max_length=200, help_text=_("如 附件1 第3条、实施方案 二（二）1"))
    clause = models.ForeignKey(
        PolicyClause, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("出处条款")
    )
    anchor = models.CharField(
        _("出处锚点"), max_length=40, blank=True, help_text=_("出处不是编号条款时，正文中的锚点，如 part-2-2")
    )
    is_interpretation = models.BooleanField(
        _("解读取值"), default=False, help_text=_("原文未明确规定，由人社局确定的取值")
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["policy__city__sort_order", "policy", "key", "facility_type", "threshold"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "facility_type", "key", "threshold"], name="policies_rule_value_unique_in_policy"
            )
        ]
        verbose_name = _("规则取值")
        verbose_name_plural = _("规则取值")

    def __str__(self):
        facility = self.get_facility_type_display() or ""
        return f"{self.policy} {facility} {self.get_key_display()} {self.threshold or ''} → {self.value}"

    @property
    def city(self):
        return self.policy.city

    @property
    def source_url(self):
        if self.clause_id:
            return self.clause.get_absolute_url()
        return f"{self.policy.url}#{self.anchor}" if self.anchor else self.policy.url


STATUS_CHOICES = list(STATUS_LABELS.items())
