"""PostgreSQL: the index's long columns (body, its text) leave the table's rows for TOAST storage.

A broad query visits the table row of every match to count and rank it; with rows of 1.6 KB (two to a page) that is
most of the table. Moving values longer than 128 bytes out of line shrinks the table by 60% and a count of 26,000
matches from 95 to 26 ms (bench/search_index.py). Rows written before keep their layout until rewritten
(``VACUUM FULL wagtailsearch_indexentry`` or ``manage.py update_index``). Other databases: nothing to do.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def keep_long_values_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


def keep_them_in_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(keep_long_values_out_of_line, keep_them_in_line)]
