"""Finding 13 of the security test (part): the query code sat in the session in plain text and the receipt page
showed it for the session's life. It is shown for fifteen minutes after submission (a reload or a double click
still gets it), then leaves the session."""

import datetime

import pytest
from django.core.cache import cache

from forms.complaints.views import SESSION_KEY
from tests.complaints_factories import COMPLAINT_URL, complaint_post
from tests.utils import SHANGHAI

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def test_the_query_code_is_shown_for_fifteen_minutes_then_forgotten(client, home, time_machine):
    time_machine.move_to(NOW, tick=False)
    done_url = client.post(COMPLAINT_URL, complaint_post())["Location"]
    code = client.session[SESSION_KEY]["query_code"]
    assert code in client.get(done_url).content.decode()
    time_machine.move_to(NOW + datetime.timedelta(minutes=15), tick=False)
    assert code in client.get(done_url).content.decode()
    time_machine.move_to(NOW + datetime.timedelta(minutes=16), tick=False)
    page = client.get(done_url).content.decode()
    assert code not in page and "没有找到刚提交的记录" in page
    assert SESSION_KEY not in client.session
