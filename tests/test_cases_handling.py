"""The bureau's side: the case list and case page, the closed loop, scoping, deadlines, statistics."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from forms.complaints.models import Complaint, ComplaintAttachment
from portal.regions import County

from .complaints_factories import make_complaint, png_bytes
from .utils import make_city_staff, make_county_staff

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/forms/complaint/"


def case_url(case):
    return reverse("forms_complaint_modeladmin_inspect", args=[case.pk])


def act(client, case, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(case_url(case), data)


def refused(response):
    """An action the case's state or the user's role does not allow: back to the case page, with a message."""
    return response.status_code == 302 and "不能进行该操作" in str(list(response.wsgi_request._messages))


@pytest.fixture
def jinjiang(client):
    user = make_county_staff("晋江市")
    client.force_login(user)
    return user


def test_county_handler_lists_only_own_county_with_masked_contact(client, home, jinjiang):
    own, _ = make_complaint("晋江市")
    other, _ = make_complaint("丰泽区")
    html = client.get(LIST_URL).content.decode()
    assert own.receipt_no in html and other.receipt_no not in html
    assert "李*" in html and "139****1111" in html and "13900001111" not in html


def test_other_county_cannot_open_the_case_by_url(client, home):
    case, _ = make_complaint("丰泽区")
    client.force_login(make_county_staff("晋江市"))
    assert client.get(case_url(case)).status_code == 404
    assert client.post(case_url(case), {"action": "accept"}).status_code == 404
    assert Complaint.objects.get(pk=case.pk).status == Complaint.Status.NEW


def test_case_page_shows_full_contact_to_the_handler(client, home, jinjiang):
    """The handler opens the full contact when needed (security finding 13: the opening is recorded)."""
    case, _ = make_complaint("晋江市")
    assert "李四 13900001111 lisi@example.com" not in client.get(case_url(case)).content.decode()
    html = client.post(case_url(case), {"action": "reveal"}).content.decode()
    assert "李四 13900001111 lisi@example.com" in html


def test_search_by_receipt_number(client, home, jinjiang):
    first, _ = make_complaint("晋江市")
    second, _ = make_complaint("晋江市")
    html = client.get(LIST_URL, {"q": first.receipt_no}).content.decode()
    assert first.receipt_no in html and second.receipt_no not in html


def test_full_closed_loop_is_recorded_with_who_and_when(client, home, jinjiang, django_capture_on_commit_callbacks):
    case, _ = make_complaint("晋江市")
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, case, "accept").status_code == 302
        act(client, case, "start", note="已联系用工方")
        act(client, case, "reply", reply="经核实，用工方已补发工资900元。")
        act(client, case, "close")
    case.refresh_from_db()
    assert case.status == Complaint.Status.CLOSED and case.public_reply.startswith("经核实")
    actions = list(case.events.values_list("action", "actor__username"))
    assert actions == [
        ("accepted", jinjiang.username),
        ("started", jinjiang.username),
        ("replied", jinjiang.username),
        ("closed", jinjiang.username),
    ]
    html = client.get(case_url(case)).content.decode()
    assert "办理记录" in html and "已联系用工方" in html and "<td>办理中</td>" in html
    # the complainant gets one e-mail per status change, with no personal details
    assert len(mail.outbox) == 4 and all(m.to == ["lisi@example.com"] for m in mail.outbox)
    assert "已办结" in mail.outbox[-1].subject


def test_reply_requires_text_and_shows_the_error_on_the_case_page(client, home, jinjiang):
    case, _ = make_complaint("晋江市", status=Complaint.Status.ACCEPTED)
    response = act(client, case, "reply", reply="")
    assert response.status_code == 200 and "请填写公开答复" in response.content.decode()
    assert Complaint.objects.get(pk=case.pk).status == Complaint.Status.ACCEPTED


def test_actions_out_of_order_are_refused(client, home, jinjiang):
    case, _ = make_complaint("晋江市")
    assert refused(act(client, case, "close"))
    assert Complaint.objects.get(pk=case.pk).status == Complaint.Status.NEW


def test_reject_with_reason_is_public(client, home, jinjiang):
    case, _ = make_complaint("晋江市")
    act(client, case, "reject", reason="不属于人社部门职责，请向市场监管部门反映。")
    case.refresh_from_db()
    assert case.status == Complaint.Status.REJECTED and "市场监管" in case.public_reply


def test_county_sends_back_and_city_reassigns(client, home, jinjiang, django_capture_on_commit_callbacks):
    case, _ = make_complaint("晋江市")
    act(client, case, "send_back", reason="发生地在石狮市")
    case.refresh_from_db()
    assert case.status == Complaint.Status.RETURNED
    assert refused(act(client, case, "assign", county=County.objects.get(name="石狮市").pk))  # county cannot
    city = make_city_staff("泉州市", "市级管理员")
    client.force_login(city)
    shishi_handler = make_county_staff("石狮市")
    shishi_handler.email = "ss@example.gov.cn"
    shishi_handler.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, case, "assign", county=County.objects.get(name="石狮市").pk, note="改派")
    case.refresh_from_db()
    assert case.handling_county.name == "石狮市" and case.status == Complaint.Status.NEW
    assert ["ss@example.gov.cn"] in [m.to for m in mail.outbox]
    client.force_login(jinjiang)
    assert client.get(case_url(case)).status_code == 404  # no longer Jinjiang's


def test_extension_asked_by_county_and_approved_by_city(client, home, jinjiang):
    case, _ = make_complaint("晋江市", status=Complaint.Status.IN_PROGRESS, close_due=datetime.date(2026, 12, 14))
    act(client, case, "ask_extension", days=5, reason="需调取监控")
    case.refresh_from_db()
    assert case.extension_state == "pending"
    assert refused(act(client, case, "approve_extension"))  # county cannot approve its own
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    act(client, case, "approve_extension")
    case.refresh_from_db()
    assert case.extension_state == "approved" and case.close_due == datetime.date(2026, 12, 21)


def test_extension_cannot_be_asked_after_the_deadline(client, home, jinjiang):
    case, _ = make_complaint("晋江市", status=Complaint.Status.IN_PROGRESS, close_due=datetime.date(2026, 11, 1))
    assert refused(act(client, case, "ask_extension", days=5, reason="晚了"))
    assert "申请延期" not in client.get(case_url(case)).content.decode()


def test_overdue_cases_stand_out_in_list_and_dashboard_and_can_be_reminded(client, home, jinjiang):
    overdue, _ = make_complaint("晋江市", status=Complaint.Status.IN_PROGRESS, close_due=datetime.date(2026, 11, 10))
    soon, _ = make_complaint("晋江市", status=Complaint.Status.IN_PROGRESS, close_due=datetime.date(2026, 11, 24))
    later, _ = make_complaint("晋江市", status=Complaint.Status.IN_PROGRESS, close_due=datetime.date(2026, 12, 30))
    html = client.get(LIST_URL).content.decode()
    assert html.count("deadline-overdue") == 1 and html.count("deadline-soon") == 1
    filtered = client.get(LIST_URL, {"deadline": "overdue"}).content.decode()
    assert overdue.receipt_no in filtered and soon.receipt_no not in filtered and later.receipt_no not in filtered
    dashboard = client.get("/admin/").content.decode()
    assert "投诉建议办理时限" in dashboard and overdue.receipt_no in dashboard and soon.receipt_no in dashboard
    assert later.receipt_no not in dashboard
    assert "没有待受理的件。" in dashboard
    assert html.count("未超期") == 1
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    act(client, overdue, "remind", note="请于本周内办结")
    assert overdue.events.filter(action="reminded", note="请于本周内办结").exists()
    assert refused(act(client, later, "remind"))


def test_the_dashboard_counts_the_complaints_not_yet_accepted_of_the_user_s_county(client, home, jinjiang):
    for _n in range(2):
        make_complaint("晋江市")  # new: waiting to be accepted
    make_complaint("鲤城区")
    make_complaint("晋江市", status=Complaint.Status.IN_PROGRESS, close_due=datetime.date(2026, 12, 30))
    dashboard = client.get("/admin/").content.decode()
    assert "待受理 2 件" in dashboard and f'{LIST_URL}?status={Complaint.Status.NEW}"' in dashboard
    listed = client.get(LIST_URL, {"status": Complaint.Status.NEW}).content.decode()
    assert listed.count("未超期") == 2


def test_duplicate_marking(client, home, jinjiang):
    original, _ = make_complaint("晋江市")
    copy, _ = make_complaint("晋江市")
    act(client, copy, "duplicate", original=original.receipt_no)
    copy.refresh_from_db()
    assert copy.status == Complaint.Status.DUPLICATE and copy.duplicate_of == original


def test_attachments_are_served_only_to_staff_who_may_handle_the_case(client, home, jinjiang):
    case, _ = make_complaint("晋江市")
    from django.core.files.base import ContentFile

    attachment = ComplaintAttachment(case=case, original_name="p.png", content_type="image/png", size=10)
    attachment.file.save("p.png", ContentFile(png_bytes()), save=True)
    url = reverse("forms_attachment", args=[attachment.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.force_login(make_county_staff("丰泽区"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert client.get("/media/" + attachment.file.name).status_code == 404


def test_statistics_and_xlsx_export_are_scoped(client, home, jinjiang):
    make_complaint("晋江市", status=Complaint.Status.CLOSED, rating="satisfied")
    make_complaint("晋江市")
    make_complaint("丰泽区")
    html = client.get(reverse("forms_statistics")).content.decode()
    assert "您可查看范围内共 2 件" in html and "拖欠工资" in html
    response = client.get(reverse("forms_statistics"), {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["按类别", "按县区", "按月份", "按结果", "办理评价", "满意度调查"]
    assert list(workbook["按县区"].values) == [("承办县（市、区）", "件数"), ("晋江市", 2)]
    assert ("满意", 1) in list(workbook["办理评价"].values)


def test_city_staff_see_every_county_of_their_city_only(client, home):
    quanzhou, _ = make_complaint("晋江市")
    ningde, _ = make_complaint("蕉城区")
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    html = client.get(LIST_URL).content.decode()
    assert quanzhou.receipt_no in html and ningde.receipt_no not in html
