"""Finding 11 of the security test (part): phone and bank numbers in Arabic-Indic or full-width digits were
stored as typed (``\\d`` matches any script's digits), so staff could neither read nor dial them.

Numbers (phone, bank account, identity number, unified social credit code) are normalised before they are checked
and stored: NFKC (full-width letters and digits become ASCII), then every script's decimal digits become 0-9.
"""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from forms.applications.models import Application, OperatorProfile
from forms.cases.validators import (
    ascii_digits,
    validate_bank_account,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)
from forms.complaints.models import Complaint
from portal.regions import County
from tests.complaints_factories import COMPLAINT_URL, complaint_post
from tests.operators_factories import VALID_RESIDENT_ID, VALID_USCC, make_operator, recognition_values, subsidy_values

pytestmark = pytest.mark.django_db

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
FULL_WIDTH = str.maketrans(
    "0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "０１２３４５６７８９－ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ",
)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.mark.parametrize("digits", [ARABIC_INDIC, PERSIAN, FULL_WIDTH])
def test_any_script_s_digits_become_ascii_digits(digits):
    assert ascii_digits("0595-22345678".translate(digits)) == "0595-22345678"


@pytest.mark.parametrize(
    ("check", "typed", "stored"),
    [
        (validate_phone, "13812345678".translate(ARABIC_INDIC), "13812345678"),
        (validate_phone, "0595-22345678".translate(FULL_WIDTH), "0595-22345678"),
        (validate_bank_account, "1408 0110 0900 0123 456".translate(PERSIAN), "1408011009000123456"),
        (validate_resident_id, VALID_RESIDENT_ID.translate(FULL_WIDTH), VALID_RESIDENT_ID),
        (validate_resident_id, VALID_RESIDENT_ID[:-1].translate(ARABIC_INDIC) + "x", VALID_RESIDENT_ID),
        (validate_uscc, VALID_USCC.translate(FULL_WIDTH), VALID_USCC),
    ],
)
def test_numbers_are_checked_and_returned_in_ascii_digits(check, typed, stored):
    assert check(typed) == stored


def test_a_number_that_is_wrong_once_normalised_is_still_refused():
    with pytest.raises(ValidationError):
        validate_phone("1381234567".translate(ARABIC_INDIC))  # ten digits


def test_the_complaint_stores_the_phone_in_ascii_digits(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(contact_phone="13812345678".translate(ARABIC_INDIC)))
    assert response.status_code == 302
    assert Complaint.objects.get().contact_phone == "13812345678"


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


def test_registration_stores_the_code_and_phone_in_ascii(client, home):
    typed = registration(uscc=VALID_USCC.translate(FULL_WIDTH), phone="13812345678".translate(FULL_WIDTH))
    response = client.post("/operators/register/", typed)
    assert response.status_code == 302
    profile = OperatorProfile.objects.get()
    assert (profile.uscc, profile.phone) == (VALID_USCC, "13812345678")


@pytest.fixture
def logged_in(client, home):
    user, profile = make_operator()
    client.force_login(user)
    return client, profile


def application_post(values, profile):
    data = {key: str(value) for key, value in values.items() if key != "county"}
    return {**data, "handling_county": profile.county.pk, "intent": "draft"}


def test_the_application_stores_identity_and_bank_numbers_in_ascii(logged_in):
    client, profile = logged_in
    values = recognition_values(manager_id_number=VALID_RESIDENT_ID.translate(ARABIC_INDIC))
    client.post("/operators/applications/new/recognition/", application_post(values, profile))
    values = subsidy_values(bank_account="1408011009000123456".translate(FULL_WIDTH), market_type="market")
    client.post("/operators/applications/new/subsidy/", application_post(values, profile))
    recognition = Application.objects.get(form_kind="recognition")
    subsidy = Application.objects.get(form_kind="subsidy")
    assert (recognition.manager_id_number, subsidy.bank_account) == (VALID_RESIDENT_ID, "1408011009000123456")
