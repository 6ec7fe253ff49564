"""Rewrite every encrypted value with the first key of FIELD_ENCRYPTION_KEYS (after a rotation, or to move data
written with SECRET_KEY-derived keys onto the portal's own keys). Safe to run again; stops at the first value no
configured key opens, changing nothing in that model."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.encryption import encrypted_fields_of

BATCH = 500


class Command(BaseCommand):
    help = "用 FIELD_ENCRYPTION_KEYS 的第一个密钥重新加密所有个人信息字段"

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [field.name for field in encrypted_fields_of(model)]
            if fields:
                count = reencrypt(model, fields)
                self.stdout.write(f"{model._meta.label}: {count} 条记录已重新加密（{', '.join(fields)}）")


@transaction.atomic
def reencrypt(model, fields):
    """Read (decrypting with any key, or raising) and write back (encrypting with the first key), a batch at a time."""
    count, last_pk = 0, None
    rows = model._base_manager.only("pk", *fields).order_by("pk")
    while batch := list((rows if last_pk is None else rows.filter(pk__gt=last_pk))[:BATCH]):
        model._base_manager.bulk_update(batch, fields)
        count += len(batch)
        last_pk = batch[-1].pk
    return count
