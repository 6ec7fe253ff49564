"""The bureau's roles get the assessment permissions (county handlers score; city administrators open rounds)."""

from django.db import migrations

from portal.roles import ensure_roles


def grant(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("portal", "0005_personaldataretention"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
