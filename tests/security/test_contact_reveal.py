"""Finding 13 of the security test (part): the complaint case page showed the complainant's full name and phone on
every opening, while an application's full numbers are opened on request and the opening recorded. Complaints now
work the same way."""

import pytest

from tests.complaints_factories import make_complaint
from tests.utils import make_county_staff

pytestmark = pytest.mark.django_db


def case_url(case):
    return f"/admin/forms/complaint/inspect/{case.pk}/"


def test_the_contact_is_masked_until_opened_and_the_opening_is_recorded(client, home):
    case, _ = make_complaint("晋江市")
    handler = make_county_staff("晋江市")
    client.force_login(handler)
    page = client.get(case_url(case)).content.decode()
    assert "13900001111" not in page and "lisi@example.com" not in page and "查看完整联系方式" in page
    assert not case.events.filter(action="revealed").exists()
    opened = client.post(case_url(case), {"action": "reveal"}).content.decode()
    assert "李四 13900001111 lisi@example.com" in opened
    event = case.events.get(action="revealed")
    assert event.actor == handler and event.note == "查看了投诉人的完整联系方式"


def test_another_county_cannot_open_it(client, home):
    case, _ = make_complaint("晋江市")
    client.force_login(make_county_staff("丰泽区"))
    assert client.post(case_url(case), {"action": "reveal"}).status_code == 404
    assert not case.events.filter(action="revealed").exists()
