"""Finding 10 of the security test (part): on SQLite an id of 2^63 in a choice field and Open311's
``start_date=0001-01-01`` gave server errors; each is a 400 with a clear message."""

import pytest
from django.core.cache import cache

from tests.complaints_factories import COMPLAINT_URL, complaint_post

pytestmark = pytest.mark.django_db
TOO_BIG = str(2**63)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def test_an_id_beyond_the_database_s_integers_is_an_unknown_choice(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(market=TOO_BIG))
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "2026-02-30T00:00:00"])
def test_open311_dates_out_of_range_are_a_400_naming_the_field(client, home, when):
    response = client.get("/open311/v2/requests.json", {"start_date": when})
    [error] = response.json()
    assert response.status_code == 400 and error["code"] == 400 and error["description"].startswith("start_date：")
