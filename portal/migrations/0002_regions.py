from django.db import migrations

from portal.regions import ensure_regions


def add_regions(apps, schema_editor):
    ensure_regions(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(add_regions, migrations.RunPython.noop)]
