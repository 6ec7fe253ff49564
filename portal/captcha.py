"""The one captcha of every public form: django-simple-captcha with a text alternative, a new image on request
and, where Debian's flite is installed, an audio version (the bottom layer: it imports no app)."""

from captcha.fields import CaptchaField, CaptchaTextInput
from django.utils.translation import gettext_lazy as _

ANSWER_ATTRS = {"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}


class PortalCaptchaInput(CaptchaTextInput):
    """The captcha image with a text alternative, an audio link (when flite is installed) and a refresh button."""

    template_name = "portal/widgets/captcha.html"


class PortalCaptchaField(CaptchaField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("验证码"))
        kwargs.setdefault("help_text", _("请输入图片中的字符，不区分大小写；看不清可点“换一张”或“听语音”。"))
        kwargs.setdefault(
            "error_messages", {"invalid": _("验证码不正确，请重新输入。"), "required": _("请输入验证码。")}
        )
        kwargs.setdefault("widget", PortalCaptchaInput(attrs=ANSWER_ATTRS))
        super().__init__(**kwargs)
