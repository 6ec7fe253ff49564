"""What the public types into the portal's forms: the field classes and checks every public form shares.

The bottom layer (it imports no app), so the complaint and application forms, the comments on policies and the
market directory all check the same way.
"""

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .vocabulary import chinese_date

INTEGER = re.compile(r"^[+-]?[0-9]{1,20}$")
# The integers SQLite and PostgreSQL's bigint hold; SQLite cannot even bind one outside them (OverflowError).
DATABASE_INTEGERS = range(-(2**63), 2**63)


def key_field(model, to_field_name=None):
    """The field a choice of ``model`` is looked up by, followed through relations (a page's pk is its page_ptr)."""
    field = model._meta.get_field(to_field_name) if to_field_name else model._meta.pk
    while field.is_relation:
        field = field.target_field
    return field


def is_database_integer(value):
    text = str(value).strip()
    return bool(INTEGER.match(text)) and int(text) in DATABASE_INTEGERS


class RowChoiceField(forms.ModelChoiceField):
    """A choice of one row: a key no row can have is an unknown choice before any query.

    An integer key must be a whole number the database can hold ("1e5" and 2^63 are not); a text key must not
    hold NUL characters, which PostgreSQL refuses to compare.
    """

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, models.Model):
            return super().to_python(value)
        if isinstance(key_field(self.queryset.model, self.to_field_name), models.IntegerField):
            impossible = not is_database_integer(value)
        else:
            impossible = "\x00" in str(value)
        if impossible:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


# Characters that show nothing: controls, format characters (zero-width ones, bidirectional controls), spaces and
# separators of every kind, marks with nothing to sit on; and the letters drawn blank (Hangul fillers, Braille blank).
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}
BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def is_visible(char):
    return not (char.isspace() or char in BLANK_LETTERS or unicodedata.category(char) in INVISIBLE_CATEGORIES)


def visible_text(value):
    """Refuse a text that shows nothing; a text with something to read is kept as typed."""
    if value and not any(is_visible(char) for char in value):
        raise ValidationError(
            _("此处只填了空格或看不见的字符（如零宽字符、文字方向控制符），请填写文字内容。"), code="invisible"
        )


class VisibleTextField(forms.CharField):
    """Free text from the public: blank is blank, and so is a text of invisible characters only."""

    default_validators = [visible_text]


# The days the public's dates can be about: nothing the portal handles happened before 2000; earlier years are typos.
EARLIEST_DATE = datetime.date(2000, 1, 1)


class BoundedDateField(forms.DateField):
    """A date from ``earliest`` to ``latest`` (a date, or a callable such as today's ``timezone.localdate``).

    The messages get ``earliest`` and ``latest`` written out, e.g. 2000年1月1日.
    """

    default_error_messages = {
        "too_early": _("日期不能早于%(earliest)s，请核对年份。"),
        "too_late": _("日期不能晚于%(latest)s，请核对年份。"),
    }

    def __init__(self, *, earliest=EARLIEST_DATE, latest=timezone.localdate, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        earliest, latest = (bound() if callable(bound) else bound for bound in (self.earliest, self.latest))
        params = {"earliest": chinese_date(earliest), "latest": chinese_date(latest)}
        if value < earliest:
            raise ValidationError(self.error_messages["too_early"], code="too_early", params=params)
        if value > latest:
            raise ValidationError(self.error_messages["too_late"], code="too_late", params=params)
