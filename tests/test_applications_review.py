"""The county's review of operators' applications: list, case page, masked numbers, materials, actions."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from forms.applications import review
from forms.applications.models import Application, ApplicationEvent
from markets.models import CountyDirectoryPage, MarketPage

from .operators_factories import VALID_RESIDENT_ID, make_application, make_operator
from .utils import make_city_staff, make_county_staff

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/applications/application/"
BANK_ACCOUNT = "1408011009000123456"


def case_url(application):
    return reverse("applications_application_modeladmin_inspect", args=[application.pk])


def act(client, application, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(case_url(application), data)


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def profile(home):
    return make_operator()[1]


@pytest.fixture
def fengze(client):
    user = make_county_staff("丰泽区")
    client.force_login(user)
    return user


@pytest.fixture
def pending(profile):
    return make_application(profile, "recognition", status="submitted", with_materials=True)


def test_county_reviewer_lists_own_submitted_applications_only(client, profile, fengze):
    own = make_application(profile, status="submitted", amount_differs=True)
    draft = make_application(profile)
    other = make_application(profile, status="submitted", county_name="晋江市")
    html = client.get(LIST_URL).content.decode()
    assert own.receipt_no in html
    assert draft.receipt_no not in html and other.receipt_no not in html
    assert "需核实" in html and "丰泽区东海零工市场" in html


def test_other_county_and_drafts_cannot_be_opened_by_url(client, profile, fengze):
    other = make_application(profile, status="submitted", county_name="晋江市")
    draft = make_application(profile)
    assert client.get(case_url(other)).status_code == 404
    assert client.get(case_url(draft)).status_code == 404
    assert act(client, other, "approve").status_code == 404
    assert Application.objects.get(pk=other.pk).status == Application.Status.SUBMITTED


def test_city_staff_see_their_whole_city_only(client, profile):
    fengze = make_application(profile, status="submitted")
    jinjiang = make_application(profile, status="returned", county_name="晋江市")
    ningde = make_application(profile, status="submitted", county_name="蕉城区")
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    html = client.get(LIST_URL).content.decode()
    assert fengze.receipt_no in html and jinjiang.receipt_no in html and ningde.receipt_no not in html
    assert client.get(case_url(ningde)).status_code == 404
    assert client.get(case_url(jinjiang)).status_code == 200


def test_filter_by_form_and_search(client, profile, fengze):
    recognition = make_application(profile, "recognition", status="submitted")
    subsidy = make_application(profile, "subsidy", status="submitted")
    html = client.get(LIST_URL, {"form_kind__exact": "subsidy"}).content.decode()
    assert subsidy.receipt_no in html and recognition.receipt_no not in html
    html = client.get(LIST_URL, {"q": recognition.receipt_no}).content.decode()
    assert recognition.receipt_no in html and subsidy.receipt_no not in html


def test_county_filter_offers_only_the_users_counties(client, profile, fengze):
    make_application(profile, status="submitted")  # filters show once there is something to filter
    html = client.get(LIST_URL).content.decode()
    assert "?county=" in html and "晋江市" not in html
    assert "?status=returned" in html and "?status=draft" not in html


def test_status_filter(client, profile, fengze):
    returned = make_application(profile, status="returned")
    pending = make_application(profile, status="submitted")
    html = client.get(LIST_URL, {"status": "returned"}).content.decode()
    assert returned.receipt_no in html and pending.receipt_no not in html


def test_case_page_lays_out_the_form_with_masked_numbers(client, profile, fengze):
    application = make_application(profile, "subsidy", status="submitted", with_materials=True)
    html = client.get(case_url(application)).content.decode()
    assert "泉州市零工市场（驿站）补助资金申请表" in html and application.receipt_no in html
    assert "所建设零工市场（驿站）名称、地址" in html and "名称：丰泽区东海零工市场" in html
    assert "一次性运维补助" in html  # the choice's label, not its key
    assert "1408***********3456" in html and "138****5678" in html
    assert BANK_ACCOUNT not in html and "13812345678" not in html


def test_reveal_shows_full_numbers_once_and_records_who(client, pending, fengze):
    html = client.get(case_url(pending)).content.decode()
    assert "3505**********123X" in html and VALID_RESIDENT_ID not in html and "13812345678" not in html
    html = act(client, pending, "reveal").content.decode()
    assert VALID_RESIDENT_ID in html and "13812345678" in html
    event = pending.events.get(action=ApplicationEvent.Action.REVEALED)
    assert event.actor == fengze
    html = client.get(case_url(pending)).content.decode()
    assert VALID_RESIDENT_ID not in html and "查看完整号码" in html and fengze.username in html


def test_materials_are_listed_and_served_only_to_the_county(client, pending, fengze):
    document = pending.documents.first()
    url = reverse("applications_document", args=[document.pk])
    html = client.get(case_url(pending)).content.decode()
    assert url in html and pending.materials[0].label in html
    response = client.get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    draft = make_application(pending.operator, with_materials=True)
    assert client.get(reverse("applications_document", args=[draft.documents.first().pk])).status_code == 404
    client.force_login(make_county_staff("晋江市"))
    assert client.get(url).status_code == 404


def test_rules_warning_when_amount_differs(client, profile, fengze):
    application = make_application(
        profile, "subsidy", status="submitted", amount_differs=True, rules_summary="按面积测算应为3万元。"
    )
    html = client.get(case_url(application)).content.decode()
    assert "rules-warning" in html and "按面积测算应为3万元。" in html


def test_the_case_page_shows_the_assessed_score_and_the_assessment_it_came_from(client, profile, fengze):
    application = make_application(
        profile,
        "subsidy",
        status="submitted",
        subsidy_type="performance",
        assessed_score=Decimal("92"),
        assessment_receipt_no="KH20261201-0001",
        months_in_operation=12,
    )
    html = client.get(case_url(application)).content.decode()
    score = re.search(r'<p id="assessed-score">(.*?)</p>', html).group(1)
    assert score == "经公示的考核总分：92.0（年度考核编号 KH20261201-0001）"
    assert "自评总分" not in html


def test_approve_creates_a_draft_market_page(client, pending, fengze):
    response = act(client, pending, "approve", comment="材料齐全。")
    assert response.status_code == 302 and "已审核通过。" in messages_of(response)
    pending.refresh_from_db()
    assert pending.status == Application.Status.APPROVED and pending.bureau_comment == "材料齐全。"
    page = pending.market_page
    assert isinstance(page.specific, MarketPage) and not page.live
    assert page.get_parent().specific == CountyDirectoryPage.objects.get(county__name="丰泽区")
    assert pending.events.filter(action=ApplicationEvent.Action.APPROVED, actor=fengze).exists()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(case_url(pending)).content.decode()
    assert "由县级编辑核对发布" in html and edit_url not in html  # case handlers do not edit pages
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    html = client.get(case_url(pending)).content.decode()
    assert "目录页面草稿（待发布）" in html and edit_url in html


def test_the_county_hears_of_a_submission_and_the_operator_of_the_decision(
    client, profile, fengze, mailoutbox, django_capture_on_commit_callbacks
):
    fengze.email = "fengze@example.com"
    fengze.save()
    application = make_application(profile, with_materials=True)
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(application, profile.user)
    assert mailoutbox[-1].to == ["fengze@example.com"] and application.receipt_no in mailoutbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        act(client, application, "return", comment="请补充租赁合同。")
    assert mailoutbox[-1].to == [profile.user.email] and "退回修改" in mailoutbox[-1].subject
    assert "13812345678" not in mailoutbox[-1].body and "请补充租赁合同" not in mailoutbox[-1].body


@pytest.mark.parametrize(
    "action, status, error, message",
    [
        ("return", Application.Status.RETURNED, "请写明需要申请单位修改或补充的内容。", "已退回修改。"),
        ("reject", Application.Status.REJECTED, "请写明不予通过的理由和依据。", "已不予通过。"),
    ],
)
def test_return_and_reject_need_a_comment(client, pending, fengze, action, status, error, message):
    response = act(client, pending, action, comment="")
    assert response.status_code == 200 and error in response.content.decode()
    assert Application.objects.get(pk=pending.pk).status == Application.Status.SUBMITTED
    response = act(client, pending, action, comment="请补充房屋租赁合同。")
    assert response.status_code == 302 and message in messages_of(response)
    pending.refresh_from_db()
    assert pending.status == status and pending.bureau_comment == "请补充房屋租赁合同。"


def test_no_actions_on_an_approved_application(client, profile, fengze):
    application = make_application(profile, status="approved")
    html = client.get(case_url(application)).content.decode()
    assert "确认审核通过" not in html and "确认不予通过" not in html
    response = act(client, application, "reject", comment="不符合条件。")
    assert response.status_code == 302 and any("不能进行该操作" in m for m in messages_of(response))
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED and application.bureau_comment == ""


def sent_to_admin_login(response, url):
    return response.status_code == 302 and response["Location"] == f"/admin/login/?next={url}"


def test_operators_have_no_admin_access(client, pending):
    client.force_login(pending.operator.user)
    response = client.get(LIST_URL)
    assert sent_to_admin_login(response, LIST_URL)
    assert pending.receipt_no not in response.content.decode()
    assert sent_to_admin_login(client.get(case_url(pending)), case_url(pending))
    document_url = reverse("applications_document", args=[pending.documents.first().pk])
    assert sent_to_admin_login(client.get(document_url), document_url)


def test_the_dashboard_counts_the_county_s_applications_awaiting_review(client, profile, fengze):
    make_application(profile, status="submitted")
    make_application(profile, status="submitted")
    make_application(profile, status="submitted", county_name="晋江市")
    make_application(profile)
    html = client.get("/admin/").content.decode()
    assert "2 件申请待审核" in html
