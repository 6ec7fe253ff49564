"""Comments on a consultation draft: captcha, optional contact, the clause, moderation, count, closing date."""

import datetime

import pytest

from policies.models import PolicyComment
from tests.policies_factories import NINGDE_PLAN, QUANZHOU_PLAN, seeded_policy

pytestmark = pytest.mark.django_db


def comment_data(page, **overrides):
    data = {
        "clause": page.clauses.get(number=3).pk,
        "text": "建议将零工驿站最低面积由30㎡调整为20㎡，方便社区设点。",
        "contact": "13800000000",
        "captcha_0": "test",
        "captcha_1": "PASSED",
    }
    return {**data, **overrides}


def test_comment_waits_for_moderation_then_is_shown_and_counted(client, home):
    page = seeded_policy(QUANZHOU_PLAN)
    response = client.post(page.url, comment_data(page))
    assert response.status_code == 302 and response["Location"].endswith("?comment=received#comments")
    comment = PolicyComment.objects.get()
    assert (comment.status, comment.clause.number) == ("pending", 3)
    html = client.get(response["Location"]).content.decode()
    assert "您的意见已收到" in html and "已公开意见 0 条" in html
    assert "调整为20㎡" not in html

    comment.status = PolicyComment.Status.PUBLISHED
    comment.save()
    html = client.get(page.url).content.decode()
    assert "已公开意见 1 条" in html and "调整为20㎡" in html and "针对第3条" in html
    assert "13800000000" not in html  # contact is for staff only


def test_contact_and_clause_are_optional(client, home):
    page = seeded_policy(QUANZHOU_PLAN)
    client.post(page.url, comment_data(page, contact="", clause=""))
    comment = PolicyComment.objects.get()
    assert comment.contact is None and comment.clause is None


def test_missing_text_and_wrong_captcha_keep_what_was_entered(client, home):
    page = seeded_policy(QUANZHOU_PLAN)
    response = client.post(page.url, comment_data(page, text="", captcha_1="WRONG", contact="me@example.cn"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写意见内容" in html and "验证码不正确" in html
    assert 'value="me@example.cn"' in html
    assert not PolicyComment.objects.exists()


def test_closed_consultation_takes_no_comments(client, home):
    page = seeded_policy(QUANZHOU_PLAN)
    page.consultation_closes = datetime.date(2026, 11, 1)
    page.save_revision().publish()
    response = client.post(page.url, comment_data(page))
    assert response.status_code == 302 and not PolicyComment.objects.exists()
    html = client.get(page.url).content.decode()
    assert "征求意见已截止" in html and 'name="captcha_1"' not in html


def test_closing_date_is_shown_and_the_day_itself_is_open(client, home):
    page = seeded_policy(QUANZHOU_PLAN)
    page.consultation_closes = datetime.date(2026, 11, 23)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "2026年11月23日截止" in html
    client.post(page.url, comment_data(page))
    assert PolicyComment.objects.count() == 1


def test_policy_in_force_has_no_comment_form(client, home):
    page = seeded_policy(NINGDE_PLAN)
    assert 'id="comments"' not in client.get(page.url).content.decode()
    response = client.post(page.url, {"text": "x"})
    assert response.status_code == 200 and not PolicyComment.objects.exists()  # the page again, without a form
    assert 'id="comments"' not in response.content.decode()
