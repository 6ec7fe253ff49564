"""make_* helpers for operators' accounts and application forms."""

from decimal import Decimal

from forms.applications.models import OperatorProfile
from portal.regions import County

from .complaints_factories import pdf_bytes
from .utils import make_user

# Valid check characters (GB 32100 / GB 11643), computed with python-stdnum.
VALID_USCC = "91350503MA2YQK6L6T"
VALID_USCC_2 = "91350582MA32H3NK1N"
VALID_RESIDENT_ID = "35050219900101123X"
# 晋江 (350582), born 1965-05-05: before the county's code was created in 1992, as many residents were.
JINJIANG_1965_RESIDENT_ID = "350582196505051233"

GB_11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check_character(first_17):
    """The 17 digits followed by their GB 11643 check character, computed here (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_17, GB_11643_WEIGHTS, strict=True))
    return first_17 + "10X98765432"[total % 11]


def make_operator(username="operator", *, county_name="丰泽区", uscc=VALID_USCC, phone="13812345678", **fields):
    user = make_user(username, groups=["运营单位"], email=f"{username}@example.com")
    profile = OperatorProfile.objects.create(
        user=user,
        organisation_name=fields.pop("organisation_name", "泉州市丰泽区示范人力资源服务有限公司"),
        uscc=uscc,
        legal_representative=fields.pop("legal_representative", "陈建国"),
        registered_address=fields.pop("registered_address", "泉州市丰泽区东海街道通港西街1号"),
        phone=phone,
        county=County.objects.get(name=county_name),
    )
    return user, profile


def recognition_values(**overrides):
    values = {
        "organisation_name": "泉州市丰泽区示范人力资源服务有限公司",
        "legal_representative": "陈建国",
        "uscc": VALID_USCC,
        "registered_address": "泉州市丰泽区东海街道通港西街1号",
        "phone": "13812345678",
        "market_name": "丰泽区东海零工市场",
        "market_type": "market",
        "county": "丰泽区",
        "market_address": "泉州市丰泽区东海街道海星街88号",
        "manager_name": "林美华",
        "manager_id_number": VALID_RESIDENT_ID,
        "floor_area": Decimal("260"),
        "total_investment": Decimal("35.5"),
        "jobs_offered": 320,
        "people_placed": 140,
        "uses_platform": "yes",
    }
    values.update(overrides)
    return values


def subsidy_values(**overrides):
    values = {
        "organisation_name": "泉州市丰泽区示范人力资源服务有限公司",
        "legal_representative": "陈建国",
        "uscc": VALID_USCC,
        "registered_address": "泉州市丰泽区东海街道通港西街1号",
        "phone": "13812345678",
        "bank_name": "中国工商银行泉州丰泽支行",
        "bank_account": "1408011009000123456",
        "account_name": "泉州市丰泽区示范人力资源服务有限公司",
        "market_name": "丰泽区东海零工市场",
        "market_address": "泉州市丰泽区东海街道海星街88号",
        "amount": Decimal("5"),
        "subsidy_type": "one_time",
    }
    values.update(overrides)
    return values


def make_application(
    profile, form_kind="recognition", *, status="draft", county_name=None, with_materials=False, **fields
):
    """An application of ``profile`` (an OperatorProfile) with valid values for its form."""
    from forms.applications.review import start_application

    values = (
        recognition_values()
        if form_kind == "recognition"
        else subsidy_values(market_type="market", floor_area=Decimal("260"))
    )
    values.pop("county", None)
    values.update(fields)
    county = County.objects.get(name=county_name) if county_name else profile.county
    application = start_application(profile, form_kind, handling_county=county, **values)
    if with_materials:
        for material in application.materials:
            add_material(application, material.number)
    if status != "draft":
        application.status = status
        application.save()
    return application


def add_material(application, number, name="材料.pdf"):
    from django.core.files.base import ContentFile

    from forms.applications.models import ApplicationDocument

    content = pdf_bytes()
    document = ApplicationDocument(
        application=application,
        material_number=number,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )
    document.file.save(name, ContentFile(content), save=True)
    return document
