"""What every form the public submits carries: a captcha, a honeypot, and a one-time token against double
submission (``submissions.one_request_per_token`` holds a token's requests one at a time); and the look-up of a
case by its receipt number and query code."""

import re
import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.captcha import PortalCaptchaField

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
RECEIPT_PATTERN = re.compile(r"^[A-Z0-9-]{1,32}$")


class AbuseProtectedForm(forms.Form):
    """Captcha plus a honeypot field that people never see and bots fill in."""

    website = forms.CharField(label=_("网址（请留空）"), required=False)
    captcha = PortalCaptchaField()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("提交未成功，请刷新页面后重试。"))
        return ""


class OneTimeTokenForm(AbuseProtectedForm):
    """A public form submitted once: a fresh token when first shown, checked when it comes back."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not TOKEN_PATTERN.match(token):
            raise forms.ValidationError(_("表单已失效，请刷新页面后重新提交。"))
        return token


class ProgressForm(forms.Form):
    receipt_no = forms.CharField(label=_("受理编号"), max_length=32, error_messages={"required": _("请输入受理编号。")})
    query_code = forms.CharField(
        label=_("查询码"),
        max_length=16,
        error_messages={"required": _("请输入查询码。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_receipt_no(self):
        return self.cleaned_data["receipt_no"].strip().upper()


def progress_form(request):
    """The look-up form as a GET shows it: a receipt's 查询进度 link (``?receipt_no=TS…``) fills in the receipt number.
    Never the query code: it would stay in the browser's history and the server's logs."""
    receipt_no = request.GET.get("receipt_no", "").strip().upper()
    return ProgressForm(initial={"receipt_no": receipt_no} if RECEIPT_PATTERN.match(receipt_no) else {})
