"""Finding 4 of the security test: query codes could be guessed without limit.

``action=rate`` with a missing or invalid rating ran the look-up without counting the failure (200 wrong codes,
never a 429, and the right code then opened the case), and the plain look-up allowed 11 failures, not 10.
"""

import pytest
from django.core.cache import cache

from tests.complaints_factories import PROGRESS_URL, make_complaint

pytestmark = pytest.mark.django_db
BLOCKED = "查询失败次数过多"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def look_up(client, case, code, **extra):
    return client.post(PROGRESS_URL, {"receipt_no": case.receipt_no, "query_code": code, **extra})


def test_ten_failed_look_ups_are_allowed_and_the_eleventh_try_is_refused(client, home):
    case, code = make_complaint()
    for _ in range(10):
        assert look_up(client, case, "11111111").status_code == 404
    blocked = look_up(client, case, code)
    assert blocked.status_code == 429 and BLOCKED in blocked.content.decode()
    assert 'id="case-status"' not in blocked.content.decode()
    assert (
        case.receipt_no not in blocked.content.decode().split("受理编号")[-1]
        or "办理进度" not in blocked.content.decode()
    )


@pytest.mark.parametrize("rating", [None, "", "not-a-rating"])
def test_guesses_sent_as_a_rating_count_as_failed_look_ups(client, home, rating):
    case, code = make_complaint()
    extra = {"action": "rate"} | ({} if rating is None else {"rating": rating})
    for _ in range(10):
        assert look_up(client, case, "22222222", **extra).status_code == 400
    blocked = look_up(client, case, code)
    assert blocked.status_code == 429 and BLOCKED in blocked.content.decode()
    assert 'id="case-status"' not in blocked.content.decode()
