from django.db import migrations


def load_catalog(apps, schema_editor):
    from markets.catalog import ensure_catalog

    ensure_catalog(apps)


class Migration(migrations.Migration):
    dependencies = [("markets", "0002_market_details")]

    operations = [migrations.RunPython(load_catalog, migrations.RunPython.noop)]
