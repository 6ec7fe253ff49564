"""Document texts point at the portal's document model; the old Wagtail document rows, copied there by policies
0008 and pointed at by nothing now, are removed with their search index entries."""

import django.db.models.deletion
from django.db import migrations, models


def remove_wagtail_documents(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    old = ContentType.objects.filter(app_label="wagtaildocs", model="document").first()
    if old is not None:
        IndexEntry.objects.filter(content_type=old).delete()
    apps.get_model("wagtaildocs", "Document").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('policies', '0008_official_documents'),
        ('search', '0003_postgres_postings'),
        ('notices', '0004_attachments_are_official_documents'),
    ]

    operations = [
        migrations.AlterField(
            model_name='documenttext',
            name='document',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='search_text', to='policies.officialdocument', verbose_name='文档'),
        ),
        migrations.RunPython(remove_wagtail_documents, migrations.RunPython.noop),
    ]
