"""The staff who edit the markets' pages (city administrators and editors, county editors) get the 星级认定
permissions; city administrators may also delete a rating."""

from django.db import migrations

from portal.roles import ensure_roles


def grant(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("markets", "0006_star_ratings_as_award_records"),
        ("portal", "0005_personaldataretention"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
