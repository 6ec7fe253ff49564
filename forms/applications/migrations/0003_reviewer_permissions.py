"""County case handlers and city administrators review applications: give their groups the permissions."""

from django.db import migrations

from portal.roles import ensure_roles


def add_review_permissions(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_applications"),
        ("portal", "0004_home_page_blocks"),
    ]
    operations = [migrations.RunPython(add_review_permissions, migrations.RunPython.noop)]
