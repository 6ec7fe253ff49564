"""The portal's own document model, with the documents uploaded so far copied into it under the same ids (so every
address /documents/<id>/<file> keeps working); the FKs to documents follow here, in notices 0004 and search 0004,
and search 0004 removes the old rows."""

import django.db.models.deletion
import modelsearch.index
import taggit.managers
import wagtail.models.media
from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations, models


COPIED_FIELDS = ("id", "title", "file", "created_at", "file_size", "file_hash", "collection_id", "uploaded_by_user_id")


def copy_wagtail_documents(apps, schema_editor):
    Document = apps.get_model("wagtaildocs", "Document")
    OfficialDocument = apps.get_model("policies", "OfficialDocument")
    copies = [OfficialDocument(**{name: getattr(old, name) for name in COPIED_FIELDS}) for old in Document.objects.all()]
    if not copies:
        return
    OfficialDocument.objects.bulk_create(copies)
    move_tags(apps, Document, OfficialDocument)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [OfficialDocument]):
            cursor.execute(statement)


def move_tags(apps, Document, OfficialDocument):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    old = ContentType.objects.filter(app_label="wagtaildocs", model="document").first()
    if old is not None:
        new, _ = ContentType.objects.get_or_create(app_label="policies", model="officialdocument")
        TaggedItem.objects.filter(content_type=old).update(content_type=new)


class Migration(migrations.Migration):

    dependencies = [
        ('policies', '0007_criterion_interpretation'),
        ('portal', '0007_site_information_and_statement_pages'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='OfficialDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('file', models.FileField(upload_to='documents', verbose_name='file')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('file_size', models.PositiveBigIntegerField(editable=False, null=True)),
                ('file_hash', models.CharField(blank=True, editable=False, max_length=40)),
                ('kind', models.CharField(choices=[('policy', '政策文件'), ('annex', '政策附件'), ('form', '空白表格'), ('notice', '通知公告附件'), ('other', '其他')], default='other', max_length=20, verbose_name='文件类别')),
                ('document_number', models.CharField(blank=True, help_text='如 宁人社规〔2024〕3号', max_length=60, verbose_name='文号')),
                ('issuing_body', models.CharField(blank=True, max_length=200, verbose_name='发文机关')),
                ('issue_date', models.DateField(blank=True, null=True, verbose_name='成文日期')),
                ('valid_until', models.DateField(blank=True, help_text='留空表示长期有效', null=True, verbose_name='有效期至')),
                ('city', models.ForeignKey(blank=True, help_text='留空表示两市通用', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='portal.city', verbose_name='设区市')),
                ('collection', models.ForeignKey(default=wagtail.models.media.get_root_collection_id, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.collection', verbose_name='collection')),
                ('replaces', models.OneToOneField(blank=True, error_messages={'unique': '这份文件已有新版本替代它，请选择最新的版本'}, help_text='上传新版本时选择它替代的文件：旧版本仍可下载，并标明已被替代', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replaced_by', to='policies.officialdocument', verbose_name='替代的旧版本')),
                ('tags', taggit.managers.TaggableManager(blank=True, help_text=None, through='taggit.TaggedItem', to='taggit.Tag', verbose_name='tags')),
                ('uploaded_by_user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='uploaded by user')),
            ],
            options={
                'verbose_name': '文档',
                'verbose_name_plural': '文档',
                'abstract': False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.RunPython(copy_wagtail_documents, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='policyannex',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='policies.officialdocument', verbose_name='下载文件'),
        ),
    ]
