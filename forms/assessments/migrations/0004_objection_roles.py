"""The bureau's roles get the permissions on objections to a 公示 (those who score assessments answer them)."""

from django.db import migrations

from portal.roles import ensure_roles


def grant(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_publicity_and_objections")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
