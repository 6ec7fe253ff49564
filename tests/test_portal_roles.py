"""Regions and roles are data; county staff are confined to their county."""

import pytest
from django.contrib.auth.models import Group

from markets.models import CountyDirectoryPage
from notices.models import NoticeIndexPage
from portal.regions import City, County
from portal.roles import StaffScope
from portal.scoping import cities_for, city_ids_for, counties_for, county_staff, groups_with_role
from tests.utils import make_city_staff, make_county_staff, make_user

QUANZHOU_COUNTIES = {
    "鲤城区", "丰泽区", "洛江区", "泉港区", "石狮市", "晋江市", "南安市", "惠安县", "安溪县", "永春县", "德化县",
    "泉州经济技术开发区", "泉州台商投资区",
}  # fmt: skip
NINGDE_COUNTIES = {
    "蕉城区", "福安市", "福鼎市", "霞浦县", "古田县", "屏南县", "寿宁县", "周宁县", "柘荣县", "东侨经济技术开发区",
}  # fmt: skip


@pytest.mark.django_db
def test_every_county_of_both_cities_is_loaded():
    assert set(County.objects.filter(city__slug="quanzhou").values_list("name", flat=True)) == QUANZHOU_COUNTIES
    assert set(County.objects.filter(city__slug="ningde").values_list("name", flat=True)) == NINGDE_COUNTIES
    assert County.objects.get(name="晋江市").division_code == "350582"
    assert City.objects.get(slug="ningde").name == "宁德市"


@pytest.mark.django_db
def test_each_role_exists_as_a_group():
    names = set(Group.objects.values_list("name", flat=True))
    for city in ("泉州市", "宁德市"):
        assert {f"{city}市级管理员", f"{city}市级编辑"} <= names
    for county in QUANZHOU_COUNTIES | NINGDE_COUNTIES:
        assert {f"{county}县级编辑", f"{county}县级办案人员"} <= names
    assert "运营单位" in names


@pytest.mark.django_db
def test_county_staff_see_only_their_county_and_city_staff_their_city():
    handler = make_county_staff("晋江市")
    assert list(counties_for(handler).values_list("name", flat=True)) == ["晋江市"]
    editor = make_city_staff("宁德市")
    assert set(counties_for(editor).values_list("name", flat=True)) == NINGDE_COUNTIES
    assert not counties_for(make_user("nobody")).exists()


@pytest.mark.django_db
def test_city_staff_work_for_their_own_city_and_county_staff_for_none():
    ningde = City.objects.get(slug="ningde")
    assert list(cities_for(make_city_staff("宁德市", "市级编辑"))) == [ningde]
    assert list(cities_for(make_city_staff("宁德市", "市级管理员"))) == [ningde]
    assert not cities_for(make_county_staff("蕉城区", "县级编辑")).exists()
    assert not cities_for(make_user("nobody")).exists()
    superuser = make_user("root", is_superuser=True)
    assert (
        city_ids_for(superuser)
        == set(City.objects.values_list("pk", flat=True))
        == set(cities_for(superuser).values_list("pk", flat=True))
    )


@pytest.mark.django_db
def test_a_county_s_staff_of_a_role_are_its_own_active_members_of_that_role():
    handler = make_county_staff("晋江市", "县级办案人员")
    make_county_staff("晋江市", "县级编辑")
    make_county_staff("石狮市", "县级办案人员")
    make_city_staff("泉州市", "市级管理员")
    make_user("left", groups=["晋江市县级办案人员"], is_active=False)
    jinjiang = County.objects.get(name="晋江市")
    assert list(county_staff(jinjiang, StaffScope.Role.COUNTY_CASE_HANDLER)) == [handler]


@pytest.mark.django_db
def test_the_groups_of_a_role_are_found_in_every_city_and_county():
    city_editors = set(groups_with_role(StaffScope.Role.CITY_EDITOR).values_list("name", flat=True))
    assert city_editors == {"泉州市市级编辑", "宁德市市级编辑"}
    handlers = set(groups_with_role(StaffScope.Role.COUNTY_CASE_HANDLER).values_list("name", flat=True))
    assert handlers == {f"{county}县级办案人员" for county in QUANZHOU_COUNTIES | NINGDE_COUNTIES}


@pytest.mark.django_db
def test_county_editor_edits_only_their_county_pages(home):
    editor = make_county_staff("晋江市", "县级编辑")
    jinjiang = CountyDirectoryPage.objects.get(county__name="晋江市")
    licheng = CountyDirectoryPage.objects.get(county__name="鲤城区")
    assert jinjiang.permissions_for_user(editor).can_edit()
    assert not licheng.permissions_for_user(editor).can_edit()


@pytest.mark.django_db
def test_notices_need_a_city_editors_approval(home):
    county_editor = make_county_staff("蕉城区", "县级编辑")
    city_editor = make_city_staff("宁德市")
    notices = NoticeIndexPage.objects.get()
    assert notices.permissions_for_user(county_editor).can_add_subpage()
    assert not notices.permissions_for_user(county_editor).can_publish_subpage()
    workflow = notices.get_workflow()
    assert workflow is not None and workflow.name == "市级编辑审核"
    approvers = {group.name for task in workflow.tasks.specific() for group in task.groups.all()}
    assert approvers == {"泉州市市级编辑", "宁德市市级编辑"}
    assert city_editor.groups.filter(name__in=approvers).exists()


@pytest.mark.django_db
def test_operators_cannot_open_the_admin(client):
    operator = make_user("operator", groups=["运营单位"])
    client.force_login(operator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
