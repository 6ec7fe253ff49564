"""Finding 10 of the security test (part): a form body sent as ``application/x-www-form-urlencoded; charset=utf-16``
answered 500 on every public form, even with a valid CSRF token.

Django refuses to read such a body (BadRequest), and its own 400 handler then ran the CSRF check again, which read
the body again and failed. Each form answers a 400 page that says, in Chinese, what is wrong; the APIs answer the
same in JSON.
"""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client

from tests.complaints_factories import COMPLAINT_URL, FEEDBACK_URL, PROGRESS_URL, SURVEY_URL, complaint_post
from tests.operators_factories import make_operator
from tests.policies_factories import QUANZHOU_PLAN, seeded_policy

pytestmark = pytest.mark.django_db
UTF_16_FORM = "application/x-www-form-urlencoded; charset=utf-16"
MESSAGE = "表单内容须以UTF-8编码提交"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def csrf_client(url, user=None):
    """A client that enforces CSRF, holding the cookie of the form at ``url`` (as a browser that opened it)."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    assert client.get(url).status_code == 200
    return client, client.cookies["csrftoken"].value


def post_utf_16(url, user=None):
    client, token = csrf_client(url, user)
    body = urlencode({**complaint_post(), "csrfmiddlewaretoken": token})  # the client encodes it in UTF-16
    return client.post(url, body, content_type=UTF_16_FORM, HTTP_X_CSRFTOKEN=token)


@pytest.mark.parametrize(
    "url",
    [
        COMPLAINT_URL,
        FEEDBACK_URL,
        PROGRESS_URL,
        SURVEY_URL,
        "/operators/register/",
        "/operators/login/",
        "/operators/password/reset/",
    ],
)
def test_a_form_in_utf_16_is_a_400_page_saying_why(home, url):
    response = post_utf_16(url)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_the_policy_comment_form_in_utf_16_is_a_400_page_saying_why(home):
    response = post_utf_16(seeded_policy(QUANZHOU_PLAN).url)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_the_application_form_in_utf_16_is_a_400_page_saying_why(home):
    user, _profile = make_operator()
    response = post_utf_16("/operators/applications/new/recognition/", user)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_an_api_answers_the_same_in_json(home):
    response = Client().post("/open311/v2/requests.json", "service_code=x", content_type=UTF_16_FORM)
    assert response.status_code == 400
    assert MESSAGE in response.json()["errors"]["body"][0]
