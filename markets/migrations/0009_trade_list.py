"""The starting list of trades (markets.catalog.TRADES), which the bureau then keeps in the admin."""

from django.db import migrations

from markets.catalog import ensure_catalog


def load_catalog(apps, schema_editor):
    ensure_catalog(apps)


class Migration(migrations.Migration):
    dependencies = [("markets", "0008_published_info_trades_training_legal_help_platform")]

    operations = [migrations.RunPython(load_catalog, migrations.RunPython.noop)]
