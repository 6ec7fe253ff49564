"""Finding 11 of the security test (part): a happened_on of 0001-01-01 was accepted.

The dates on the public forms are bounded: what happened lies between 2000-01-01 and today; the calculator's day
between 2000 and 2100 (the years a case or a policy can be about; others are a typo).
"""

import pytest
from django.core.cache import cache

from forms.complaints.models import Complaint
from tests.complaints_factories import COMPLAINT_URL, FEEDBACK_URL, complaint_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.mark.parametrize(("day", "message"), [("0001-01-01", "2000年1月1日"), ("1999-12-31", "2000年1月1日")])
@pytest.mark.parametrize("url", [COMPLAINT_URL, FEEDBACK_URL])
def test_a_date_before_2000_is_refused(client, home, url, day, message):
    response = client.post(url, complaint_post(happened_on=day))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_first_day_of_2000_and_today_are_accepted(client, home):
    assert client.post(COMPLAINT_URL, complaint_post(happened_on="2000-01-01")).status_code == 302
    assert client.post(COMPLAINT_URL, complaint_post(happened_on="2026-11-23")).status_code == 302


def test_a_date_after_today_is_refused(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(happened_on="2026-11-24"))
    assert response.status_code == 400 and "发生日期不能晚于今天" in response.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "2101-01-01"])
def test_the_calculator_s_date_lies_between_2000_and_2100(client, home, day):
    response = client.get("/assessment/calculator/", {"city": "quanzhou", "facility_type": "market", "as_of": day})
    html = response.content.decode()
    assert "测算日期须在2000年1月1日至2100年12月31日之间" in html
    assert "没有适用的零工市场建设政策" not in html
