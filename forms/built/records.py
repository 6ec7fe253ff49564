"""What a built form receives: each submission (its answers one encrypted document), its files (kept in the
private storage) and the record of who opened the full numbers or exported them."""

import json

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.cases.masking import mask_identity_number, mask_phone
from forms.cases.uploads import PrivateUploadBase
from portal.encryption import EncryptedTextField

from .fields import ATTACHMENT_TYPE, CONSENT_TYPE, ID_NUMBER_TYPE, MOBILE_TYPE

MASKS = {ID_NUMBER_TYPE: mask_identity_number, MOBILE_TYPE: mask_phone}
RECEIPT_PREFIX = "BM"  # 报名


class BuiltFormSubmission(models.Model):
    """One sign-up. The answers, names and numbers included, are one JSON document encrypted at rest, each answer
    with the label and type its field had when it was submitted (an editor may change the form later)."""

    receipt_no = models.CharField(_("受理编号"), max_length=32, unique=True, editable=False)
    page = models.ForeignKey(
        "built_forms.BuiltFormPage", on_delete=models.CASCADE, related_name="submissions", verbose_name=_("表单")
    )
    county = models.ForeignKey(
        "portal.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在县（市、区）"),
        help_text=_("报名人所选的县（市、区）；表单未问时为表单所属的县（市、区）。"),
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True, editable=False)
    submission_token = models.CharField(max_length=64, unique=True, editable=False)
    answers_document = EncryptedTextField(_("填写内容"), blank=True, null=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("表单提交")
        verbose_name_plural = _("表单提交")
        permissions = [("reveal_builtformsubmission", "可查看完整号码（身份证号码、手机号码）")]

    def __str__(self):
        return self.receipt_no

    @property
    def answers(self):
        """[{"name", "label", "type", "value"}, …] in the form's order."""
        return json.loads(self.answers_document) if self.answers_document else []

    @answers.setter
    def answers(self, rows):
        self.answers_document = json.dumps(rows, ensure_ascii=False)

    def rows(self, masked=True):
        """(label, value as shown, type) per answer; identity and mobile numbers masked unless ``masked`` is off."""
        return [(row["label"], shown(row, masked), row["type"]) for row in self.answers]

    def summary(self, masked=True, limit=4):
        """The first answers on one line, for the list (files and the consent left out)."""
        parts = [
            f"{label}：{value}"
            for label, value, kind in self.rows(masked)
            if kind not in (ATTACHMENT_TYPE, CONSENT_TYPE) and value
        ]
        return "；".join(parts[:limit])


def shown(row, masked=True):
    value = row.get("value")
    if isinstance(value, list):
        value = "、".join(str(item) for item in value)
    if isinstance(value, bool):
        value = "是" if value else "否"
    value = "" if value is None else str(value)
    mask = MASKS.get(row.get("type"))
    return mask(value) if masked and mask else value


class BuiltFormUpload(PrivateUploadBase):
    """A photo or PDF sent with a submission, checked by content (forms.cases.uploads), kept in private storage."""

    upload_folder = "built-forms"
    submission = models.ForeignKey(BuiltFormSubmission, on_delete=models.CASCADE, related_name="uploads")
    field_name = models.CharField(_("字段"), max_length=255)
    field_label = models.CharField(_("字段名称"), max_length=255)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("表单附件")
        verbose_name_plural = _("表单附件")


@receiver(post_delete, sender=BuiltFormUpload, dispatch_uid="built-forms-upload-file")
def delete_stored_file(sender, instance, **kwargs):
    """A deleted submission (by staff, by the retention period, with its form) leaves no file behind."""
    if instance.file:
        instance.file.delete(save=False)


class SubmissionAccess(models.Model):
    """Who saw identity and mobile numbers in full, or exported submissions, and when."""

    class Action(models.TextChoices):
        REVEALED = "revealed", _("查看完整号码")
        EXPORTED = "exported", _("导出（号码已遮盖）")
        EXPORTED_FULL = "exported_full", _("导出（含完整号码）")

    at = models.DateTimeField(_("时间"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("操作人")
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    page = models.ForeignKey(
        "built_forms.BuiltFormPage", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("表单")
    )
    receipt_no = models.CharField(_("受理编号"), max_length=32, blank=True)
    count = models.PositiveIntegerField(_("条数"), default=1)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("表单查看记录")
        verbose_name_plural = _("表单查看记录")

    def __str__(self):
        return f"{self.get_action_display()} {self.receipt_no}"
