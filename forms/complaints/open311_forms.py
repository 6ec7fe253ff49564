"""What an Open311 client posts to file a request: the form, the counties it may name, and the adapter that hands
the request to ``save_case`` as if it came from the web form."""

import secrets

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _

from forms.cases.validators import validate_phone
from portal.inputs import VisibleTextField
from portal.regions import County

from .records import Category

FEEDBACK_CODE = "feedback"
# The request's names of the form's fields, for error descriptions.
PARAMETER_NAMES = {"county": "attribute[county]"}


def county_key(county):
    """A county's value of ``attribute[county]``: its division code, or the name of a zone that has none."""
    return county.division_code or county.name


def county_by_key(key):
    return County.objects.filter(Q(division_code=key) | Q(name=key)).first()


def nearest_county(lat, lng):
    counties = County.objects.exclude(latitude=None).exclude(longitude=None)
    return min(
        counties,
        key=lambda county: (float(county.latitude) - lat) ** 2 + (float(county.longitude) - lng) ** 2,
        default=None,
    )


def field_errors(errors):
    """``{"field": ["message"]}`` as descriptions naming the request's parameter, e.g. "service_code：…"."""
    return [
        message if field == "__all__" else f"{PARAMETER_NAMES.get(field, field)}：{message}"
        for field, messages in errors.items()
        for message in messages
    ]


def request_data(posted):
    """The POST's fields, with GeoReport's ``attribute[county]`` as the form's ``county``."""
    data = posted.copy()
    if "attribute[county]" in data:
        data["county"] = data["attribute[county]"]
    return data


class Open311RequestForm(forms.Form):
    service_code = forms.CharField(error_messages={"required": "缺少 service_code（服务代码）。"})
    description = VisibleTextField(max_length=3000, error_messages={"required": "缺少 description（事情经过）。"})
    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    long = forms.FloatField(required=False, min_value=-180, max_value=180)
    address_string = forms.CharField(required=False, max_length=200)
    county = forms.CharField(required=False, max_length=30)  # attribute[county]: see county_key()
    email = forms.EmailField(required=False, error_messages={"invalid": "email 格式不正确。"})
    first_name = forms.CharField(required=False, max_length=25)
    last_name = forms.CharField(required=False, max_length=25)
    phone = forms.CharField(required=False, max_length=20)

    def __init__(self, data, client):
        super().__init__(data)
        self.client = client

    def clean_service_code(self):
        code = self.cleaned_data["service_code"]
        if code == FEEDBACK_CODE:
            return None
        category = Category.objects.filter(code=code, active=True).first()
        if category is None:
            raise forms.ValidationError("未知的 service_code，请先查询 services.xml。")
        return category

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return validate_phone(phone) if phone.strip() else ""

    def clean(self):
        cleaned = super().clean()
        county = cleaned["county"] = self.find_county(cleaned)
        if county is None and not self.errors:
            self.add_error("county", _("请提供 attribute[county]（取值见 services/{服务代码}.xml）或 lat/long。"))
        elif county is not None and county.city_id != self.client.city_id:
            message = _("此 api_key 只能提交%(city)s各县（市、区）的投诉建议。") % {"city": self.client.city.name}
            self.add_error("county", message)
        return cleaned

    def find_county(self, cleaned):
        key = cleaned.get("county")
        if key:
            return county_by_key(key)
        lat, lng = cleaned.get("lat"), cleaned.get("long")
        if lat is None or lng is None:
            return None
        return nearest_county(lat, lng)


class Open311Submission:
    """Adapts the Open311 fields to what ``save_case`` expects from the web form."""

    def __init__(self, data, client):
        name = f"{data.get('last_name', '')}{data.get('first_name', '')}".strip()
        anonymous = not (name and data.get("phone"))
        self.cleaned_data = {
            "category": data["service_code"],
            "market": None,
            "county": data["county"],
            "description": data["description"],
            "happened_on": None,
            "anonymous": anonymous,
            "contact_name": "" if anonymous else name,
            "contact_phone": "" if anonymous else data["phone"],
            "contact_email": "" if anonymous else data.get("email", ""),
            "token": secrets.token_urlsafe(24),
            "open311_client": client,
        }

    def attachments(self):
        return []
