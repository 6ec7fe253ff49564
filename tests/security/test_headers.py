"""Finding 12 of the security test (part): headers. No Permissions-Policy anywhere; private uploads served inline
without a sandbox; the filled application .docx, which holds full identity and bank numbers, with no
``Cache-Control: no-store``. (The Content-Security-Policy: test_content_security_policy.py.)"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from forms.applications import review
from forms.complaints.models import ComplaintAttachment
from tests.complaints_factories import make_complaint, png_bytes
from tests.operators_factories import make_application, make_operator
from tests.utils import make_county_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/markets/", "/feedback/complaint/", "/admin/login/"])
def test_every_page_says_which_browser_features_it_may_use(client, home, url):
    policy = client.get(url)["Permissions-Policy"]
    assert "geolocation=(self)" in policy and "camera=()" in policy and "microphone=()" in policy


def test_a_private_upload_is_served_sandboxed_and_never_stored(client, home):
    case, _ = make_complaint("晋江市")
    attachment = ComplaintAttachment(case=case, original_name="p.png", content_type="image/png", size=10)
    attachment.file.save("p.png", ContentFile(png_bytes()), save=True)
    client.force_login(make_county_staff("晋江市"))
    response = client.get(reverse("forms_attachment", args=[attachment.pk]))
    assert response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"].split(", ")


def test_the_filled_application_is_never_stored_by_a_cache(client, home):
    user, profile = make_operator()
    application = make_application(profile, "recognition", with_materials=True)
    review.submit(application, user)
    client.force_login(user)
    response = client.get(f"/operators/applications/{application.receipt_no}/form.docx")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"].split(", ")
