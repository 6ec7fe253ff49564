"""The portal on the days that matter: Ningde's plan expires on 2026-12-31 (宁人社规〔2024〕3号 "有效期至2026年12月
31日"), Quanzhou's draft on 2027-12-31. On each key day the home page, the policy pages, the calculator's API,
the operators' page and the complaint form say what a visitor, an operator and the bureau need to know.
"""

import datetime
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from forms.complaints.models import Complaint
from tests.complaints_factories import COMPLAINT_URL, complaint_post
from tests.operators_factories import make_operator
from tests.policies_factories import NINGDE_PLAN, QUANZHOU_PLAN, seeded_policy
from tests.test_home_page import block_html
from tests.utils import SHANGHAI

pytestmark = pytest.mark.django_db

# day: (Ningde status, Quanzhou status, Ningde's rules apply, Quanzhou's rules apply, Ningde on the home page)
KEY_DATES = {
    datetime.date(2026, 12, 1): ("expiring_soon", "consultation", True, True, "还有 30 天到期"),
    datetime.date(2026, 12, 31): ("expiring_soon", "consultation", True, True, "还有 0 天到期"),
    datetime.date(2027, 1, 1): ("expired", "consultation", False, True, None),
    datetime.date(2027, 12, 31): ("expired", "consultation", False, True, None),
    datetime.date(2028, 1, 1): ("expired", "expired", False, False, None),
}


@pytest.fixture(params=sorted(KEY_DATES), ids=str)
def key_day(request, time_machine):
    day = request.param
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=SHANGHAI), tick=False)
    cache.clear()  # rate limits of the complaint form
    return day, KEY_DATES[day]


def test_policy_pages_show_their_status(client, home, key_day):
    _, (ningde, quanzhou, *_) = key_day
    for slug, status in ((NINGDE_PLAN, ningde), (QUANZHOU_PLAN, quanzhou)):
        html = client.get(seeded_policy(slug).url).content.decode()
        assert f'data-status="{status}"' in html


def test_home_page_lists_only_policies_in_force_and_warns_before_expiry(client, home, key_day):
    _, (_, _, _, _, warning) = key_day
    block = block_html(client.get("/").content.decode(), "现行有效政策")
    if warning:
        assert "宁人社规〔2024〕3号" in block and warning in block
    else:
        assert "宁人社规〔2024〕3号" not in block and "暂无现行有效政策。" in block


def evaluate(client, city):
    body = {"city": city, "facility_type": "market", "area_m2": 260, "staff_count": 2, "total_score": 92}
    return client.post("/api/v1/assessment/evaluate", json.dumps(body), content_type="application/json").json()


def test_the_api_applies_only_the_policy_in_force_that_day(client, home, key_day):
    day, (ningde_status, quanzhou_status, ningde_applies, quanzhou_applies, _) = key_day
    ningde, quanzhou = evaluate(client, "ningde"), evaluate(client, "quanzhou")
    assert ningde["as_of"] == quanzhou["as_of"] == day.isoformat()
    labels = {"expiring_soon": "即将失效", "expired": "已失效", "consultation": "征求意见中"}
    assert (ningde["policy"]["status"], quanzhou["policy"]["status"]) == (
        labels[ningde_status],
        labels[quanzhou_status],
    )
    assert (ningde["one_time_subsidy_yuan"] is not None) == ningde_applies
    assert (quanzhou["one_time_subsidy_yuan"] is not None) == quanzhou_applies
    if quanzhou_applies:
        assert quanzhou["one_time_subsidy_yuan"] == 50000 and "征求意见稿" in quanzhou["message"]
    if not ningde_applies:
        assert "已于2026年12月31日失效" in ningde["message"]


@pytest.mark.parametrize(("city", "county", "applies"), [("ningde", "蕉城区", 2), ("quanzhou", "丰泽区", 3)])
def test_operators_may_apply_only_while_their_city_has_a_policy_in_force(client, home, key_day, city, county, applies):
    _, expected = key_day
    user, _ = make_operator(f"{city}-operator", county_name=county)
    client.force_login(user)
    page = client.get(reverse("operators:home")).content.decode()
    new_url = reverse("operators:new_application", args=["recognition"])
    if expected[applies]:
        assert new_url in page and client.get(new_url).status_code == 200
    else:
        assert new_url not in page and "暂不受理新的认定和补助申请" in page
        assert client.get(new_url)["Location"] == reverse("operators:home")


def test_a_complaint_is_received_with_time_limits_after_the_day(client, home, key_day):
    day, _ = key_day
    response = client.post(COMPLAINT_URL, complaint_post(happened_on=(day - datetime.timedelta(days=2)).isoformat()))
    assert response.status_code == 302
    case = Complaint.objects.latest("pk")
    assert case.submitted_at.astimezone(SHANGHAI).date() == day
    assert day < case.acknowledge_due < case.close_due
