"""Finding 14 of the security review (issue 14): a GeoReport v2 client library got a 404 for every ``.xml`` URL
(the specification's required format), and every service said ``metadata: false`` while a POST needs
``attribute[county]``, which no client could discover.

Now every endpoint answers in XML and JSON, each service that takes attributes says ``metadata: true``, and
``services/{code}.{format}`` gives its definition: the county attribute with every county's key and name.
"""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from forms.complaints.models import Category, Complaint
from portal.regions import County
from tests.complaints_factories import make_complaint, make_open311_client

pytestmark = pytest.mark.django_db
XML = "text/xml; charset=utf-8"
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "agency_responsible",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
]


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def parsed(response):
    assert response["Content-Type"] == XML
    return ET.fromstring(response.content)  # noqa: S314 -- the portal's own answer


def county_key(county):
    return county.division_code or county.name


def every_county():
    return [(county_key(county), county.name) for county in County.objects.order_by("city__sort_order", "sort_order")]


# --- services ---------------------------------------------------------------------------------------------


def test_services_in_xml_list_every_service_with_the_specified_fields(client, home):
    root = parsed(client.get("/open311/v2/services.xml"))
    as_json = client.get("/open311/v2/services.json").json()
    assert root.tag == "services" and [child.tag for child in root] == ["service"] * len(as_json)
    for element, item in zip(root, as_json, strict=True):
        assert [field.tag for field in element] == SERVICE_FIELDS
        assert element.findtext("service_code") == item["service_code"]
        assert element.findtext("service_name") == item["service_name"]
        assert element.findtext("metadata") == "true" and element.findtext("type") == "realtime"
    assert root[0].findtext("service_name") == "黑中介" and root[-1].findtext("service_code") == "feedback"


def test_every_service_says_it_takes_attributes(client, home):
    services = client.get("/open311/v2/services.json").json()
    assert [service["metadata"] for service in services] == [True] * len(services)


@pytest.mark.parametrize("code", ["unpaid-wages", "feedback"])
def test_a_definition_in_json_names_the_county_attribute_with_every_county(client, home, code):
    definition = client.get(f"/open311/v2/services/{code}.json").json()
    assert definition["service_code"] == code
    [attribute] = definition["attributes"]
    assert list(attribute) == ATTRIBUTE_FIELDS
    assert attribute["variable"] is True and attribute["code"] == "county" and attribute["required"] is True
    assert attribute["datatype"] == "singlevaluelist" and attribute["order"] == 1
    assert [(value["key"], value["name"]) for value in attribute["values"]] == every_county()
    names = {value["name"] for value in attribute["values"]}
    assert {"鲤城区", "晋江市", "泉州台商投资区", "蕉城区", "东侨经济技术开发区"} <= names and len(names) == 23


def test_a_definition_in_xml_field_by_field(client, home):
    root = parsed(client.get("/open311/v2/services/unpaid-wages.xml"))
    assert root.tag == "service_definition" and [child.tag for child in root] == ["service_code", "attributes"]
    assert root.findtext("service_code") == "unpaid-wages"
    [attribute] = root.find("attributes")
    assert attribute.tag == "attribute" and [field.tag for field in attribute] == ATTRIBUTE_FIELDS
    assert attribute.findtext("variable") == "true" and attribute.findtext("code") == "county"
    assert attribute.findtext("datatype") == "singlevaluelist" and attribute.findtext("required") == "true"
    assert attribute.findtext("order") == "1" and attribute.findtext("description") == "事情发生地所在的县（市、区）"
    assert attribute.findtext("datatype_description") == "县级行政区划代码；开发区、投资区等功能区没有代码，用其名称"
    values = attribute.find("values")
    assert [value.tag for value in values] == ["value"] * 23
    assert [[field.tag for field in value] for value in values] == [["key", "name"]] * 23
    assert [(value.findtext("key"), value.findtext("name")) for value in values] == every_county()


@pytest.mark.parametrize("code", ["no-such-service", "illegal-agency-retired"])
def test_an_unknown_or_retired_service_is_a_404_in_the_requested_format(client, home, code):
    Category.objects.create(name="已停用类别", code="illegal-agency-retired", active=False)
    as_json = client.get(f"/open311/v2/services/{code}.json")
    as_xml = client.get(f"/open311/v2/services/{code}.xml")
    assert as_json.status_code == as_xml.status_code == 404
    assert as_json.json() == [{"code": 404, "description": "service_code：没有这个服务代码，请先查询 services.xml。"}]
    root = parsed(as_xml)
    assert root.tag == "errors" and [child.tag for child in root] == ["error"]
    assert [field.tag for field in root[0]] == ["code", "description"]
    assert root[0].findtext("code") == "404"
    assert root[0].findtext("description") == "service_code：没有这个服务代码，请先查询 services.xml。"


def test_an_unknown_format_is_not_served(client, home):
    assert client.get("/open311/v2/services.csv").status_code == 404


# --- requests ---------------------------------------------------------------------------------------------


def test_requests_in_xml_field_by_field_and_safely_escaped(client, home):
    reply = '已补发工资 <b>900</b> & 致歉 "完"\x01'
    case, _ = make_complaint("晋江市", status=Complaint.Status.CLOSED, public_reply=reply, published=True)
    for url in ("/open311/v2/requests.xml", f"/open311/v2/requests/{case.receipt_no}.xml"):
        root = parsed(client.get(url))
        assert root.tag == "service_requests" and [child.tag for child in root] == ["request"]
        request = root[0]
        assert [field.tag for field in request] == REQUEST_FIELDS
        assert request.findtext("service_request_id") == case.receipt_no and request.findtext("status") == "closed"
        assert request.findtext("status_notes") == '已补发工资 <b>900</b> & 致歉 "完"'
        assert request.findtext("agency_responsible") == "晋江市人力资源和社会保障局"
        assert request.findtext("expected_datetime") == "" and request.findtext("lat") == "24.782"
        assert "李四" not in client.get(url).content.decode()


def test_an_unpublished_request_in_xml_is_the_404_of_an_unknown_one(client, home):
    hidden, _ = make_complaint("晋江市")
    unknown = client.get("/open311/v2/requests/TS20260101-000000.xml")
    unpublished = client.get(f"/open311/v2/requests/{hidden.receipt_no}.xml")
    assert unknown.status_code == unpublished.status_code == 404 and unknown.content == unpublished.content
    assert parsed(unknown).findtext("error/code") == "404"


def test_a_bad_query_in_xml_is_an_error_list(client, home):
    response = client.get("/open311/v2/requests.xml", {"status": "maybe"})
    root = parsed(response)
    assert response.status_code == 400 and root.findtext("error/code") == "400"
    assert root.findtext("error/description") == "status：status 只能是 open 或 closed。"


@pytest.mark.parametrize(("county_name", "city_name"), [("晋江市", "泉州市"), ("东侨经济技术开发区", "宁德市")])
def test_a_post_with_the_county_key_from_the_definition_is_filed(client, home, county_name, city_name):
    definition = client.get("/open311/v2/services/unpaid-wages.xml")
    values = parsed(definition).find("attributes/attribute/values")
    key = next(value.findtext("key") for value in values if value.findtext("name") == county_name)
    _, api_key = make_open311_client(city_name)
    data = {"api_key": api_key, "service_code": "unpaid-wages", "description": "拖欠工钱", "attribute[county]": key}
    response = client.post("/open311/v2/requests.xml", data)
    assert response.status_code == 201
    root = parsed(response)
    assert root.tag == "service_requests" and [field.tag for field in root[0]] == [
        "service_request_id",
        "service_notice",
        "account_id",
    ]
    case = Complaint.objects.get(receipt_no=root[0].findtext("service_request_id"))
    assert case.handling_county.name == county_name


def test_a_post_in_xml_without_a_key_is_refused_in_xml(client, home):
    response = client.post("/open311/v2/requests.xml", {"service_code": "unpaid-wages", "description": "x"})
    root = parsed(response)
    assert response.status_code == 403 and root.tag == "errors" and root.findtext("error/code") == "403"
    assert not Complaint.objects.exists()


# --- discovery --------------------------------------------------------------------------------------------


def test_discovery_names_the_endpoint_and_both_formats(client, home):
    as_json = client.get("/open311/discovery.json").json()
    [endpoint] = as_json["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2" and endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = parsed(client.get("/open311/discovery.xml"))
    assert root.tag == "discovery" and [child.tag for child in root] == [
        "changeset",
        "contact",
        "key_service",
        "endpoints",
    ]
    assert [fmt.text for fmt in root.find("endpoints/endpoint/formats")] == ["text/xml", "application/json"]
    assert root.findtext("endpoints/endpoint/url") == "http://testserver/open311/v2"
