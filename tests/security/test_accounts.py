"""Finding 1 of the security test: a city administrator could take over any account.

泉州市市级管理员 held auth.add_user/change_user and Wagtail's user forms offered is_superuser and every group: a
POST could create a superuser in Ningde's groups, or set a superuser's password. A city administrator now manages
only their own city's staff and operators, grants only their own city's groups, and never superuser rights.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.operators_factories import VALID_USCC_2, make_operator
from tests.utils import make_city_staff, make_county_staff, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Gig-market admin 2026!"


@pytest.fixture
def quanzhou_admin(client, home):
    admin = make_city_staff("泉州市", "市级管理员")
    client.force_login(admin)
    return admin


def new_user_form(username, groups, **extra):
    return {
        "username": username,
        "email": f"{username}@example.gov.cn",
        "first_name": "测",
        "last_name": "试",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [group.pk for group in groups],
        **extra,
    }


def test_a_city_admin_cannot_create_a_superuser_in_the_other_city_s_groups(client, quanzhou_admin):
    ningde = Group.objects.filter(name__startswith="宁德市")
    response = client.post(reverse("wagtailusers_users:add"), new_user_form("intruder", ningde, is_superuser="on"))
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not User.objects.filter(username="intruder").exists()


def test_a_city_admin_creates_an_account_of_their_own_city_without_superuser_rights(client, quanzhou_admin):
    editors = Group.objects.filter(name="泉州市市级编辑")
    form = new_user_form("qz-editor", editors, is_superuser="on")
    response = client.post(reverse("wagtailusers_users:add"), form)
    assert response.status_code == 302
    created = User.objects.get(username="qz-editor")
    assert not created.is_superuser and list(created.groups.values_list("name", flat=True)) == ["泉州市市级编辑"]


def test_an_account_needs_a_group_of_the_city(client, quanzhou_admin):
    response = client.post(reverse("wagtailusers_users:add"), new_user_form("nobody", []))
    assert "请至少选择一个本市的用户组。" in response.content.decode()
    assert not User.objects.filter(username="nobody").exists()


def test_a_city_admin_cannot_set_a_superuser_s_password(client, quanzhou_admin):
    root = make_user("root", is_superuser=True, is_staff=True, password="the root password")
    url = reverse("wagtailusers_users:edit", args=[root.pk])
    form = {**new_user_form("root", []), "password1": PASSWORD, "password2": PASSWORD}
    assert client.get(url).status_code == 404
    assert client.post(url, form).status_code == 404
    root.refresh_from_db()
    assert root.check_password("the root password")


def test_the_other_city_s_staff_and_operators_do_not_exist_for_a_city_admin(client, quanzhou_admin):
    ningde_handler = make_county_staff("蕉城区")
    ningde_operator, _ = make_operator("nd-operator", county_name="蕉城区", uscc=VALID_USCC_2)
    quanzhou_handler = make_county_staff("晋江市")
    quanzhou_operator, _ = make_operator("qz-operator", county_name="丰泽区")
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert quanzhou_handler.username in listing and quanzhou_operator.username in listing
    assert ningde_handler.username not in listing and ningde_operator.username not in listing
    for other in (ningde_handler, ningde_operator):
        assert client.get(reverse("wagtailusers_users:edit", args=[other.pk])).status_code == 404
        assert client.post(reverse("wagtailusers_users:delete", args=[other.pk])).status_code == 404
    assert client.get(reverse("wagtailusers_users:edit", args=[quanzhou_handler.pk])).status_code == 200


def test_a_city_admin_cannot_give_their_own_staff_the_other_city_s_groups(client, quanzhou_admin):
    handler = make_county_staff("晋江市")
    ningde_admins = Group.objects.get(name="宁德市市级管理员")
    form = new_user_form(handler.username, [ningde_admins])
    form.pop("password1"), form.pop("password2")
    response = client.post(reverse("wagtailusers_users:edit", args=[handler.pk]), {**form, "is_active": "on"})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not handler.groups.filter(pk=ningde_admins.pk).exists()
