"""The page type editors build forms with (wagtail.contrib.forms): its fields, who it belongs to, its closing date,
places and retention; it hands the public's requests to views.py."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, validate_to_address
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.regions import City, County
from portal.scoping import cities_for, cities_worked_in, counties_for

from .fields import CONSENT_TYPE, FIELD_TYPE_CHOICES, ID_NUMBER_TYPE, MOBILE_TYPE, BuiltFormBuilder
from .views import form_done, form_view, preview_done


class BuiltFormField(AbstractFormField):
    """One question of a built form."""

    page = ParentalKey("built_forms.BuiltFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("字段类型"), max_length=16, choices=FIELD_TYPE_CHOICES)
    field_type.required_on_save = True

    class Meta(AbstractFormField.Meta):
        verbose_name = _("表单字段")
        verbose_name_plural = _("表单字段")


class BuiltFormPageForm(WagtailAdminFormPageForm):
    """The page's city and county only among those the editor works for; a county of the page's city."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            self.fields["city"].queryset = cities_worked_in(user)
            self.fields["county"].queryset = counties_for(user)

    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        city, county = cleaned.get("city"), cleaned.get("county")
        if county is None and city is not None and user is not None and not user.is_superuser:
            if not cities_for(user).filter(pk=city.pk).exists():
                self.add_error("county", _("县级工作人员建立的表单须选择本县（市、区）。"))
        if "form_fields" in self.formsets:
            types = {
                form.cleaned_data.get("field_type")
                for form in self.formsets["form_fields"].forms
                if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
            }
            if types & {ID_NUMBER_TYPE, MOBILE_TYPE} and CONSENT_TYPE not in types:
                self.add_error(None, _("表单收集身份证号码或手机号码时，须包含“个人信息使用同意”字段并写明使用目的。"))
        return cleaned


class BuiltFormPage(RoutablePageMixin, AbstractForm):
    """A form the bureau builds itself: a sign-up for a job fair, a training course…"""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link", "ol", "ul"])
    thanks = RichTextField(_("提交成功提示"), blank=True, features=["bold", "link"])
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属设区市"))
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所属县（市、区）"),
        help_text=_("县级表单选择本县（市、区），其提交只有本县和市级工作人员能看到；市级表单留空。"),
    )
    owner_emails = models.CharField(
        _("负责人邮箱"),
        max_length=500,
        blank=True,
        validators=[validate_to_address],
        help_text=_("每收到一份提交就发邮件通知（不含填写内容）；多个地址用英文逗号分隔。"),
    )
    closes_at = models.DateTimeField(
        _("截止时间"), null=True, blank=True, help_text=_("此后页面显示“报名已截止”，不再接受提交；留空为不截止。")
    )
    capacity = models.PositiveIntegerField(
        _("名额"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("收满后页面显示“名额已满”，不再接受提交；留空为不限。"),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("提交信息保存天数"),
        default=180,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        help_text=_(
            "自提交之日（设有截止时间的，自截止之日，取较晚者）起保存的天数，期满连同附件自动删除"
            "（《个人信息保护法》第十九条：保存期限应为实现处理目的所必要的最短时间）。"
        ),
    )

    base_form_class = BuiltFormPageForm
    form_builder = BuiltFormBuilder
    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("表单字段")),
        HelpPanel(
            content=_(
                "字段类型除常用类型外，还有：手机号码（校验号码格式）、居民身份证号码（按GB 11643校验，"
                "加密保存，列表中遮盖显示）、所在县（市、区）（本市的县区供选择）、附件上传（照片或PDF，"
                "不超过5 MB，按内容检查）、个人信息使用同意（必须勾选；请在“帮助文字”中写明收集目的和用途）。"
            )
        ),
        FieldPanel("thanks"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("county")]),
                FieldPanel("owner_emails"),
                FieldRowPanel([FieldPanel("closes_at"), FieldPanel("capacity")]),
                FieldPanel("retention_days"),
            ],
            heading=_("归属、通知与期限"),
        ),
    ]
    search_fields = AbstractForm.search_fields + [index.SearchField("intro")]
    parent_page_types = ["forms.ServiceIndexPage"]
    subpage_types = []
    template = "built_forms/built_form_page.html"
    landing_page_template = "built_forms/built_form_done.html"

    class Meta:
        verbose_name = _("自建表单页")

    def clean(self):
        super().clean()
        if self.county_id and self.city_id and self.county.city_id != self.city_id:
            raise ValidationError({"county": _("所选县（市、区）不属于所选设区市。")})

    def get_form_class(self):
        return self.form_builder(self.get_form_fields(), page=self).get_form_class()

    # --- whether it takes submissions -----------------------------------------------------------

    def is_closed(self, now=None):
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def places_left(self):
        """None when unlimited."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.submissions.count())

    def is_full(self):
        left = self.places_left()
        return left is not None and left == 0

    # --- the public's requests: views.py ---------------------------------------------------------

    @path("")
    def form_view(self, request):
        return form_view(request, self)

    @path("done/")
    def done_view(self, request):
        return form_done(request, self)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return preview_done(request, self)
        return super().serve_preview(request, mode_name)

    def process_form_submission(self, form):
        raise NotImplementedError("submissions are saved by forms.built.views.save_submission")
