"""Finding 13 (part): a double click on a complaint stored the case once, but the second click, arriving while the
first was being saved, found its captcha used up and answered 验证码不正确 instead of the receipt.

The two clicks carry the same one-time form token; the second now waits for the first and gets the receipt."""

import threading

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.test import Client, override_settings

from forms.cases import submissions
from forms.complaints import views
from forms.complaints.models import Complaint

from ..complaints_factories import COMPLAINT_URL, complaint_post

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def errors_shown(response):
    """What the page said, should the second click get the form back (for the failure's message)."""
    form = response.context["form"] if response.context and "form" in response.context else None
    return dict(form.errors) if form is not None else response.status_code


def real_captcha():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


@override_settings(CAPTCHA_TEST_MODE=False)
def test_the_second_click_of_a_double_click_gets_the_receipt(home, monkeypatch):
    first_is_saving, let_first_finish = threading.Event(), threading.Event()
    save_case = views.save_case

    def slow_save(form, kind):
        first_is_saving.set()
        let_first_finish.wait(5)
        return save_case(form, kind)

    monkeypatch.setattr(views, "save_case", slow_save)
    second_is_waiting = threading.Event()
    sleep = submissions.time.sleep

    def noted_sleep(seconds):
        second_is_waiting.set()
        sleep(seconds)

    monkeypatch.setattr(submissions.time, "sleep", noted_sleep)
    data = complaint_post(**real_captcha())
    # The browser abandons the first click's request when the second is sent, so the session cookie the first
    # answer sets never reaches it: the second click is, to the server, a browser without that session.
    browsers = {"first": Client(), "second": Client()}
    responses = {}

    def click(name):
        responses[name] = browsers[name].post(COMPLAINT_URL, data)

    first = threading.Thread(target=click, args=("first",))
    first.start()
    assert first_is_saving.wait(5)
    second = threading.Thread(target=click, args=("second",))
    second.start()
    # The second click arrives while the first is being saved. (Events, not timed joins: under faketime a timed
    # wait can block far longer than asked.)
    assert second_is_waiting.wait(10)
    let_first_finish.set()
    first.join(10)
    second.join(10)

    assert Complaint.objects.count() == 1
    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 302, errors_shown(responses["second"])
    assert responses["second"]["Location"] == responses["first"]["Location"]
    receipt = browsers["second"].get(responses["second"]["Location"]).content.decode()
    assert Complaint.objects.get().receipt_no in receipt and "查询码" in receipt


def test_a_click_that_waited_in_vain_is_told_the_first_is_still_in_progress(home, monkeypatch):
    """An earlier click still at work after the wait: the later one is not handled (it would find the captcha
    used up) and gets its form back as typed, with what is going on."""
    data = complaint_post(**real_captcha())
    cache.add(submissions.token_cache_key("submission-token", data["token"]), 1, 30)  # the first click holds it
    monkeypatch.setattr(submissions, "WAIT_SECONDS", submissions.POLL_SECONDS * 2)
    response = Client().post(COMPLAINT_URL, data)
    page = response.content.decode()
    assert response.status_code == 409 and "仍在处理中" in page and data["description"] in page
    assert not Complaint.objects.exists()
