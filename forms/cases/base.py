"""What every case is made of: its receipt number, handling county and dates (``CaseBase``), the query code
of a case the public follows without an account (``QueryCodeMixin``), and its history (``CaseEventBase``)."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUERY_CODE_DIGITS = 8


def new_receipt_number(prefix: str) -> str:
    """e.g. TS20261123-483920: the date of receipt and six random digits."""
    today = timezone.localdate()
    return f"{prefix}{today:%Y%m%d}-{secrets.randbelow(10**6):06d}"


def new_query_code() -> str:
    return f"{secrets.randbelow(10**QUERY_CODE_DIGITS):0{QUERY_CODE_DIGITS}d}"


def query_code_digest(receipt_no: str, code: str) -> str:
    """Only a keyed digest of the query code is stored, so a database copy cannot open cases."""
    message = f"{receipt_no}:{code.strip()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def create_with_unique_receipt(model, prefix: str, attempts: int = 5, **fields):
    """Save a new case under a fresh receipt number, retrying the rare collision."""
    for _attempt in range(attempts):
        receipt_no = new_receipt_number(prefix)
        try:
            with transaction.atomic():
                return model.objects.create(receipt_no=receipt_no, **fields)
        except IntegrityError:
            if model.objects.filter(receipt_no=receipt_no).exists():
                continue
            raise
    raise IntegrityError("no free receipt number")


class CaseBase(models.Model):
    """Fields every case has: its number, the county that handles it, and when."""

    receipt_no = models.CharField(_("受理编号"), max_length=32, unique=True, editable=False)
    handling_county = models.ForeignKey(
        "portal.County", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办县（市、区）")
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.receipt_no


class QueryCodeMixin(models.Model):
    """A case the public follows with its receipt number and a query code (only a keyed digest is kept)."""

    query_code_digest = models.CharField(max_length=64, editable=False)

    class Meta:
        abstract = True

    def matches_query_code(self, code: str) -> bool:
        return hmac.compare_digest(self.query_code_digest, query_code_digest(self.receipt_no, code or ""))


class CaseEventBase(models.Model):
    """One line of a case's history: what happened, who did it, when."""

    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("操作人")
    )
    actor_label = models.CharField(_("操作方"), max_length=60, blank=True)
    action = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(_("原状态"), max_length=20, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @property
    def who(self):
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.get_username()
        return self.actor_label
