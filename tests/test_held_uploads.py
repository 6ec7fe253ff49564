"""A file that passed its checks is kept while the rest of the form is corrected (issue 18: a wrong captcha must not
cost the photo), and only for the person who sent it, for a day at most."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command

from forms.cases.held_uploads import HELD_FOLDER, SIGNING_SALT, erase_expired_held_uploads
from forms.cases.uploads import private_storage
from forms.complaints.models import Complaint, ComplaintAttachment

from .built_forms_factories import answers, make_form, names
from .complaints_factories import COMPLAINT_URL, complaint_post, photo_upload

pytestmark = pytest.mark.django_db

HELD_TOKEN = re.compile(r'name="attachment_1-held" value="([^"]+)"')


@pytest.fixture(autouse=True)
def fresh_rate_limits_and_no_held_files():
    cache.clear()
    for name in held_files():
        private_storage().delete(f"{HELD_FOLDER}/{name}")
    yield
    cache.clear()


def held_files():
    storage = private_storage()
    return storage.listdir(HELD_FOLDER)[1] if storage.exists(HELD_FOLDER) else []


def send_with_wrong_captcha(client, **fields):
    response = client.post(COMPLAINT_URL, complaint_post(captcha_1="WRONG", attachment_1=photo_upload(), **fields))
    assert response.status_code == 400
    return response.content.decode()


def test_after_a_wrong_captcha_the_photo_is_kept_and_says_so(client, home):
    html = send_with_wrong_captcha(client)
    assert "验证码不正确，请重新输入。" in html
    assert "已保留您上次选择的文件：<strong>photo.png</strong>" in html
    assert HELD_TOKEN.search(html) and len(held_files()) == 1
    assert "包工头拖欠三天工钱共900元，多次催要未果。" in html  # and everything typed


def test_sent_again_without_choosing_the_file_the_case_has_the_photo(client, home):
    token = HELD_TOKEN.search(send_with_wrong_captcha(client)).group(1)
    response = client.post(COMPLAINT_URL, complaint_post(**{"attachment_1-held": token}))
    assert response.status_code == 302
    attachment = ComplaintAttachment.objects.get(case=Complaint.objects.get())
    assert (attachment.original_name, attachment.content_type) == ("photo.png", "image/png")
    assert attachment.file.read()[:8] == b"\x89PNG\r\n\x1a\n"
    assert held_files() == []  # the held copy goes once the case has its own


def test_ticking_do_not_upload_drops_the_held_photo(client, home):
    token = HELD_TOKEN.search(send_with_wrong_captcha(client)).group(1)
    fields = {"attachment_1-held": token, "attachment_1-drop": "1"}
    assert client.post(COMPLAINT_URL, complaint_post(**fields)).status_code == 302
    assert not ComplaintAttachment.objects.exists()


def test_a_new_file_replaces_the_held_one(client, home):
    token = HELD_TOKEN.search(send_with_wrong_captcha(client)).group(1)
    fields = {"attachment_1-held": token, "attachment_1": photo_upload("second.png")}
    assert client.post(COMPLAINT_URL, complaint_post(**fields)).status_code == 302
    assert ComplaintAttachment.objects.get().original_name == "second.png"


def test_a_forged_token_brings_back_no_file(client, home, settings):
    send_with_wrong_captcha(client)
    stored = f"{HELD_FOLDER}/{held_files()[0]}"
    forged = signing.dumps(
        {"name": stored, "original": "x.png", "type": "image/png"}, key="not-the-key", salt=SIGNING_SALT
    )
    outside = signing.dumps(
        {"name": "../private/other.png", "original": "x.png", "type": "image/png"}, salt=SIGNING_SALT
    )
    for token in (forged, outside, "garbage"):
        cache.clear()
        assert client.post(COMPLAINT_URL, complaint_post(**{"attachment_1-held": token})).status_code == 302
    assert Complaint.objects.count() == 3 and not ComplaintAttachment.objects.exists()


def test_a_held_file_lasts_one_day(client, home):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)) as traveller:
        token = HELD_TOKEN.search(send_with_wrong_captcha(client)).group(1)
        traveller.shift(datetime.timedelta(hours=25))
        assert client.post(COMPLAINT_URL, complaint_post(**{"attachment_1-held": token})).status_code == 302
    assert not ComplaintAttachment.objects.exists()


def test_the_daily_erasure_deletes_held_files_older_than_a_day(client, home):
    send_with_wrong_captcha(client)
    storage = private_storage()
    modified = storage.get_modified_time(f"{HELD_FOLDER}/{held_files()[0]}")
    assert erase_expired_held_uploads(storage, now=modified + datetime.timedelta(hours=23)) == 0
    assert erase_expired_held_uploads(storage, now=modified + datetime.timedelta(hours=25)) == 1
    assert held_files() == []


def test_the_daily_command_reports_the_held_files_it_deleted(home, capsys):
    call_command("erase_expired_personal_data")
    assert "已删除未再提交的表单暂存文件：0 个" in capsys.readouterr().out


def test_a_built_form_keeps_its_file_too(client, home):
    page = make_form()
    data = answers(page, with_photo=True, **{"居民身份证号码": "123"})
    html = client.post(page.url, data).content.decode()
    assert "已保留您上次选择的文件：<strong>photo.png</strong>" in html
    photo_field = names(page)["证书照片"]
    data = answers(page)
    data[f"{photo_field}-held"] = re.search(rf'name="{photo_field}-held" value="([^"]+)"', html).group(1)
    assert client.post(page.url, data).status_code == 302
    assert page.submissions.get().uploads.get().original_name == "photo.png"
    assert held_files() == []


def test_past_the_rate_limit_nothing_is_held(client, home, settings):
    """Security: each form sent back with errors stores its files, so the limit on sending bounds what is stored."""
    settings.RATE_LIMITS = {"submit": "1/h"}
    send_with_wrong_captcha(client)
    data = complaint_post(captcha_1="WRONG", attachment_1=photo_upload())
    response = client.post(COMPLAINT_URL, data)
    assert response.status_code == 429 and "已保留您上次选择的文件" not in response.content.decode()
    assert len(held_files()) == 1
