"""The public comment form on a consultation draft."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.captcha import PortalCaptchaField
from portal.inputs import RowChoiceField, VisibleTextField


class CommentForm(forms.Form):
    """A comment on the draft ``page``, optionally on one of its clauses; saved through the page's comments."""

    clause = RowChoiceField(label=_("针对条款"), queryset=None, required=False, help_text=_("选填：意见针对的条款"))
    text = VisibleTextField(
        label=_("意见内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        help_text=_("请写明修改建议及理由，不超过2000字"),
        error_messages={"required": _("请填写意见内容")},
    )
    contact = VisibleTextField(
        label=_("联系方式"),
        max_length=100,
        required=False,
        help_text=_("选填：手机或电子邮箱，便于我们联系您；不会公开"),
    )
    captcha = PortalCaptchaField()

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        clause_field = self.fields["clause"]
        # The saved clauses (a preview's page holds its revision's clauses in memory, which a choice field cannot use)
        clause_field.queryset = page.clauses.model.objects.filter(page_id=page.pk).order_by("number")
        clause_field.empty_label = _("整篇文件（不针对具体条款）")
        clause_field.label_from_instance = lambda clause: f"第{clause.number}条 {clause.text[:24]}…"

    def save(self):
        data = self.cleaned_data
        return self.page.comments.create(clause=data["clause"], text=data["text"], contact=data["contact"])
