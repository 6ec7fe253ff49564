"""Commenters' contact details are encrypted at rest (portal.encryption) and can be erased after the retention
period: the plain values already stored are encrypted in place, empty ones become NULL as the field stores them."""

from django.db import migrations, models

import portal.encryption

TABLE = "policies_policycomment"


def encrypt_existing_contacts(apps, schema_editor):
    comment = apps.get_model("policies", "PolicyComment")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET contact = NULL WHERE contact = ''")  # noqa: S608
        cursor.execute(f"SELECT id, contact FROM {TABLE} WHERE contact IS NOT NULL")  # noqa: S608
        rows = cursor.fetchall()
    for pk, plain in rows:
        comment.objects.filter(pk=pk).update(contact=plain)  # encrypted on the way in


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0004_operating_period_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="policycomment",
            name="contact_erased_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="联系方式删除时间"),
        ),
        migrations.AlterField(
            model_name="policycomment",
            name="contact",
            field=portal.encryption.EncryptedCharField(
                blank=True, help_text="选填，仅工作人员可见", max_length=100, null=True, verbose_name="联系方式"
            ),
        ),
        migrations.RunPython(encrypt_existing_contacts, migrations.RunPython.noop),
    ]
