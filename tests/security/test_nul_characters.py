"""Finding 10 of the security test (part, found by the fuzz run on PostgreSQL): a NUL character in the search
query, an Open311 receipt number or a complaint's form token was a server error, since PostgreSQL cannot compare
text holding one (SQLite answered as if it were any other character).

No one types a NUL: a request with one in its path, query or form fields is a 400 saying so in
Chinese (JSON for the APIs), on every database, before any view looks it up.
"""

import pytest
from django.core.cache import cache

from forms.complaints.models import Complaint
from tests.complaints_factories import COMPLAINT_URL, complaint_post

pytestmark = pytest.mark.django_db
MESSAGE = "请求中含有空字符（NUL）"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/search/", {"q": "补助\x00"}),
        ("/search/suggest.json", {"q": "零工\x00"}),
        ("/open311/v2/requests.json", {"service_request_id": "TS1\x00"}),
        ("/open311/v2/requests/TS1%00.json", {}),
        ("/markets/", {"near_township": "陈埭镇\x00"}),
    ],
)
def test_a_nul_in_a_query_or_path_is_a_400(client, home, url, query):
    response = client.get(url, query)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_a_nul_in_a_form_field_is_a_400_and_nothing_is_stored(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(token="a\x00" * 12))
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_api_answers_it_in_json(client, home):
    response = client.get("/open311/v2/requests.json", {"service_request_id": "TS1\x00"})
    assert response.json() == {"errors": {"body": ["请求中含有空字符（NUL），无法处理。"]}}
