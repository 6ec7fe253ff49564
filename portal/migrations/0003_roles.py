"""The portal's roles as groups, each scoped to a city or a county, and the moderation workflow.

City administrators and city editors per city; county editors and county case
handlers per county; operators (public accounts, no admin access).  Policies and
notices go through the workflow "市级编辑审核": a city editor approves before
they are published.  Page permissions need pages and are granted when the site
tree is built (portal.roles.grant_page_permissions).
"""

from django.db import migrations

from portal.roles import ensure_roles


def add_roles(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_regions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
