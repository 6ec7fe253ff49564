"""Finding 11 of the security test (part): a draft saved with a refused upload said 已保存草稿 and dropped the file
without a word.

The draft is saved, with the files that passed, and the page (not a redirect) says which file was refused and why,
next to its material and at the top, keeping what was entered; an application sent for submission with a refused
file stays a draft and says the same.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.applications.models import Application
from tests.complaints_factories import executable_upload, pdf_bytes
from tests.operators_factories import make_application, make_operator, recognition_values

pytestmark = pytest.mark.django_db
REASON = "此文件的内容不是照片或 PDF"


@pytest.fixture
def draft(client, home):
    user, profile = make_operator()
    client.force_login(user)
    application = make_application(profile)
    return client, profile, application, f"/operators/applications/{application.receipt_no}/edit/"


def post_data(profile, intent, **extra):
    values = recognition_values(market_address="泉州市丰泽区东海街道海星街99号")
    data = {key: str(value) for key, value in values.items() if key != "county"}
    return {**data, "handling_county": profile.county.pk, "intent": intent, **extra}


def pdf_upload(name):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_a_draft_with_a_refused_file_names_the_file_and_why(draft):
    client, profile, application, url = draft
    data = post_data(profile, "draft", material_0=executable_upload("营业执照.jpg"), material_1=pdf_upload("场地.pdf"))
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"已保存草稿（受理编号 {application.receipt_no}），但有文件未能上传" in html
    assert "“营业执照.jpg”" in html and REASON in html
    assert 'value="泉州市丰泽区东海街道海星街99号"' in html  # what was entered is still on the page
    application.refresh_from_db()
    assert application.market_address == "泉州市丰泽区东海街道海星街99号"
    assert list(application.documents.values_list("material_number", "original_name")) == [("②", "场地.pdf")]


def test_a_draft_with_only_good_files_is_saved_as_before(draft):
    client, profile, application, url = draft
    response = client.post(url, post_data(profile, "draft", material_0=pdf_upload("营业执照.pdf")))
    assert response.status_code == 302 and response.url == url
    assert application.documents.count() == 1


def test_submitting_with_a_refused_file_keeps_the_draft_and_names_the_file(client, home):
    user, profile = make_operator()
    client.force_login(user)
    application = make_application(profile, with_materials=True)
    url = f"/operators/applications/{application.receipt_no}/edit/"
    data = post_data(profile, "submit", declaration_confirmed="on", material_4=executable_upload("照片.jpg"))
    html = client.post(url, data).content.decode()
    assert "“照片.jpg”" in html and REASON in html and "尚未提交" in html
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
