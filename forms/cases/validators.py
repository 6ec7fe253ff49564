"""Checks for the numbers people type into the portal's forms, with messages that say what is wrong.

The check characters are computed by python-stdnum (GB 32100 for the unified social
credit code, GB 11643 for the resident identity number); these functions turn its
answers into Chinese messages a user can act on.

Every number is first put into ASCII (``ascii_digits``): full-width ０１２ and ＭＡ from a
Chinese input method, Arabic-Indic ١٢٣ from a phone's keyboard are the same number to
the person typing it, and each function returns, to be stored, the number so written.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
# Area code 0xx or 0xxx, a 7- or 8-digit number, optionally an extension.
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$", re.ASCII)
BANK_ACCOUNT = re.compile(r"^\d{10,30}$", re.ASCII)
RESIDENT_ID = re.compile(r"^\d{17}[\dX]$", re.ASCII)


def ascii_digits(value):
    """``value`` in Unicode's NFKC form (full-width letters, digits, hyphens and brackets become ASCII), with the
    decimal digits of every script (Arabic-Indic ٠-٩, Persian ۰-۹ …) as 0-9."""
    text = unicodedata.normalize("NFKC", value or "")
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def _compact(value):
    return re.sub(r"[\s-]", "", ascii_digits(value)).upper()


def validate_uscc(value):
    """Return the compact code, or raise with a message that tells format errors from a wrong check character."""
    try:
        return uscc.validate(ascii_digits(value))
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
    """Return the 18-character identity number, or raise with a message naming the problem.

    Checked: the structure, a real birth date not after today, and the GB 11643 check
    character. Not checked: the region code. python-stdnum's ``ric.validate`` refuses
    anyone born before their county's code was created (晋江 350582 dates from 1992), yet
    people keep the code they were registered under, codes change, and people move, so a
    code from outside Fujian or one since retired is normal.
    """
    number = ric.compact(ascii_digits(value))
    if len(number) != 18:
        raise ValidationError(_("身份证号码应为18位，请核对位数。"), code="id_length")
    if not RESIDENT_ID.match(number):
        raise ValidationError(_("身份证号码格式不正确：前17位应为数字，最后一位为数字或X。"), code="id_format")
    _check_birth_date(number)
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError(_("身份证号码最后一位校验码不正确（按GB 11643计算），请逐位核对。"), code="id_checksum")
    return number


def _check_birth_date(number):
    """Digits 7 to 14 are the birth date, YYYYMMDD."""
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("身份证号码第7至14位的出生日期不存在（如2月30日），请逐位核对。"), code="id_birth_date"
        ) from None
    if born > timezone.localdate():
        raise ValidationError(_("身份证号码第7至14位的出生日期晚于今天，请逐位核对。"), code="id_birth_date_future")


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
    raw = re.sub(r"[\s()]", "", ascii_digits(value))
    if MOBILE.match(raw):
        return raw
    if LANDLINE.match(raw):
        return raw
    raise ValidationError(
        _("联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0595-22345678）。"), code="phone"
    )
