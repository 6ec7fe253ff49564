"""Finding 11 of the security test (part): texts of only zero-width characters or bidirectional overrides
passed as filled in.

A text with nothing visible in it (once zero-width characters, bidirectional controls and spaces of any kind are
taken out) is refused next to its field, on every public form; the rest of what was entered is kept.
"""

import pytest
from django.core.cache import cache

from forms.applications.models import Application, OperatorProfile
from forms.complaints.models import Complaint
from policies.models import PolicyComment
from portal.regions import County
from tests.complaints_factories import COMPLAINT_URL, FEEDBACK_URL, SURVEY_URL, complaint_post
from tests.operators_factories import VALID_USCC, make_operator, recognition_values
from tests.policies_factories import QUANZHOU_PLAN, seeded_policy

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u200b\u200c\u200d",  # zero-width space, non-joiner, joiner
    "\u2060\ufeff",  # word joiner, zero-width no-break space
    "\u202e\u202d\u202c",  # bidirectional overrides and their end
    "\u2066\u2069 \u200f\u200e",  # isolates, marks and a space
    "\u3000\u00a0\u200b",  # an ideographic and a no-break space
]
EMPTY_LOOKING = "只填了空格或看不见的字符"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def registration(**overrides):
    data = {
        "organisation_name": "泉州市丰泽区示范人力资源服务有限公司",
        "uscc": VALID_USCC,
        "legal_representative": "陈建国",
        "registered_address": "泉州市丰泽区东海街道通港西街1号",
        "phone": "13812345678",
        "county": County.objects.get(name="丰泽区").pk,
        "username": "newoperator",
        "email": "new@example.com",
        "password1": "Zs8!kq2#Lm9v",
        "password2": "Zs8!kq2#Lm9v",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    return {**data, **overrides}


@pytest.fixture
def logged_in(client, home):
    user, profile = make_operator()
    client.force_login(user)
    return client, profile


def application_post(values, profile):
    data = {key: str(value) for key, value in values.items() if key != "county"}
    return {**data, "handling_county": profile.county.pk, "intent": "draft"}


@pytest.mark.parametrize("text", INVISIBLE)
@pytest.mark.parametrize(("url", "field"), [(COMPLAINT_URL, "description"), (FEEDBACK_URL, "description")])
def test_a_description_of_invisible_characters_is_refused(client, home, url, field, text):
    response = client.post(url, complaint_post(**{field: text}))
    assert response.status_code == 400
    assert EMPTY_LOOKING in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_name_of_invisible_characters_is_refused_and_the_rest_is_kept(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(contact_name="\u202e\u200b"))
    html = response.content.decode()
    assert response.status_code == 400 and EMPTY_LOOKING in html
    assert "包工头拖欠三天工钱共900元" in html


def test_a_survey_comment_of_invisible_characters_is_refused(client, home):
    data = {"respondent": "worker", "environment": "5", "process": "4", "result": "5", "comment": "\u200b\u200b"}
    response = client.post(SURVEY_URL, {**data, "captcha_0": "x", "captcha_1": "PASSED"})
    assert response.status_code == 400 and EMPTY_LOOKING in response.content.decode()


def test_a_comment_of_invisible_characters_is_refused(client, home):
    page = seeded_policy(QUANZHOU_PLAN)
    data = {"clause": "", "text": "\u2066\u200b\u2069", "captcha_0": "x", "captcha_1": "PASSED"}
    response = client.post(page.url, data)
    assert EMPTY_LOOKING in response.content.decode()
    assert not PolicyComment.objects.exists()


@pytest.mark.parametrize("field", ["organisation_name", "legal_representative", "registered_address"])
def test_registration_texts_of_invisible_characters_are_refused(client, home, field):
    response = client.post("/operators/register/", registration(**{field: "\u200b\u202e"}))
    assert response.status_code == 200 and EMPTY_LOOKING in response.content.decode()
    assert not OperatorProfile.objects.exists()


@pytest.mark.parametrize("field", ["market_name", "market_address", "manager_name", "organisation_name"])
def test_application_texts_of_invisible_characters_are_refused(logged_in, field):
    client, profile = logged_in
    values = recognition_values(**{field: "\ufeff\u200d"})
    response = client.post("/operators/applications/new/recognition/", application_post(values, profile))
    assert EMPTY_LOOKING in response.content.decode()
    draft = Application.objects.get()  # the rest is kept as a draft, the invisible text is not
    assert getattr(draft, field) == ""


def test_visible_text_with_a_zero_width_character_inside_is_kept_as_typed(client, home):
    client.post(COMPLAINT_URL, complaint_post(description="拖欠\u200b工资三天"))
    assert Complaint.objects.get().description == "拖欠\u200b工资三天"
