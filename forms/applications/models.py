import io

from django.conf import settings
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from forms.masking import mask_phone
from portal.models import City, County

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
