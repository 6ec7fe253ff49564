"""Checks for the numbers people type into the portal's forms, with messages that say what is wrong.

The check characters are computed by python-stdnum (GB 32100 for the unified social
credit code, GB 11643 for the resident identity number); these functions only turn its
exceptions into Chinese messages a user can act on.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0xx or 0xxx, a 7- or 8-digit number, optionally an extension.
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
BANK_ACCOUNT = re.compile(r"^\d{10,30}$")


def _compact(value):
    return re.sub(r"[\s-]", "", value or "").upper()


def validate_uscc(value):
    """Return the compact code, or raise with a message that tells format errors from a wrong check character."""
    try:
        return uscc.validate(value)
    except stdnum_errors.InvalidLength:
        raise ValidationError(_("统一社会信用代码应为18位，请核对位数。"), code="uscc_length") from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("统一社会信用代码最后一位校验码不正确（按GB 32100计算），请对照营业执照逐位核对。"), code="uscc_checksum"
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("统一社会信用代码格式不正确：应由数字和大写字母组成（不使用I、O、Z、S、V），请对照营业执照填写。"),
            code="uscc_format",
        ) from None


def validate_resident_id(value):
    """Return the 18-character identity number, or raise with a message naming the problem."""
    try:
        return ric.validate(value)
    except stdnum_errors.InvalidLength:
        raise ValidationError(_("身份证号码应为18位，请核对位数。"), code="id_length") from None
    except stdnum_errors.InvalidFormat:
        raise ValidationError(
            _("身份证号码格式不正确：前17位应为数字，最后一位为数字或X。"), code="id_format"
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("身份证号码最后一位校验码不正确（按GB 11643计算），请逐位核对。"), code="id_checksum"
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(_("身份证号码中的地区码或出生日期无效，请逐位核对。"), code="id_component") from None


def validate_bank_account(value):
    """Digits only, 10 to 30 of them.

    Chinese bank account numbers have no public check digit (each bank numbers its own
    accounts, and card numbers' Luhn digit does not apply to company accounts), so only
    the form is checked.
    """
    number = _compact(value)
    if not BANK_ACCOUNT.match(number):
        raise ValidationError(
            _("银行账号应为10至30位数字（可含空格），请对照开户许可证或存折核对。"), code="bank_account"
        )
    return number


def validate_phone(value):
    """A mainland mobile number (11 digits) or a landline with its area code, e.g. 0595-22345678."""
    raw = re.sub(r"[\s()（）]", "", value or "")
    if MOBILE.match(raw):
        return raw
    if LANDLINE.match(raw):
        return raw
    raise ValidationError(
        _("联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0595-22345678）。"), code="phone"
    )
