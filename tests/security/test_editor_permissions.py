"""Finding 13 of the security test (part): city content editors held complaint-handling permissions they do not
need. Complaints are handled by the counties' case handlers and, for the city (转办, 延期, 催办), its administrators."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tests.utils import make_city_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("city", ["泉州市", "宁德市"])
def test_city_editors_hold_no_complaint_permission_and_city_admins_do(home, city):
    editor = make_city_staff(city, "市级编辑")
    admin = make_city_staff(city, "市级管理员")
    assert not any(perm.startswith("forms.") for perm in editor.get_all_permissions())
    assert {"forms.view_complaint", "forms.change_complaint"} <= admin.get_all_permissions()


def test_loading_the_seed_takes_back_a_permission_an_older_version_granted(home):
    editors = Group.objects.get(name="泉州市市级编辑")
    editors.permissions.add(Permission.objects.get(content_type__app_label="forms", codename="change_complaint"))
    call_command("load_seed_content", stdout=io.StringIO())
    assert not editors.permissions.filter(content_type__app_label="forms").exists()
