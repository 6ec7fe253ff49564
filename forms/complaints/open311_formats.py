"""GeoReport v2's two formats: XML (the specification's required one) and JSON, from the same data.

The views build dicts and lists; ``respond`` writes them as JSON, or as XML under a root element with each list's
items named as the specification names them (``<services><service>…``, ``<service_requests><request>…``). The XML
is built with the standard library's ElementTree, which escapes text; characters XML 1.0 cannot carry (control
characters someone typed into a reply) are dropped.
"""

import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse, JsonResponse

FORMATS = ("xml", "json")
XML_CONTENT_TYPE = "text/xml; charset=utf-8"
MEDIA_TYPES = ["text/xml", "application/json"]  # as the discovery document names them

# A list's items in XML are named after the list: <services><service>…
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class FormatConverter:
    """The ``.json`` or ``.xml`` ending of every Open311 URL (``<open311_format:format>``)."""

    regex = "|".join(FORMATS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def respond(format, root, data, status=200):
    """``data`` as JSON, or for ``format == "xml"`` as an XML document whose root element is ``root``."""
    if format == "xml":
        return HttpResponse(xml_document(root, data), content_type=XML_CONTENT_TYPE, status=status)
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def xml_document(root, data):
    element = ET.Element(root)
    fill(element, data)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="unicode")


def fill(element, value):
    if isinstance(value, dict):
        for name, item in value.items():
            fill(ET.SubElement(element, name), item)
    elif isinstance(value, list):
        for item in value:
            fill(ET.SubElement(element, ITEM_TAGS[element.tag]), item)
    else:
        element.text = xml_text(value)


def xml_text(value):
    """None is an empty element; booleans are "true"/"false" as in the specification's examples."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_IN_XML.sub("", str(value))


def errors_response(format, descriptions, status=400):
    """GeoReport v2's error list: one ``code`` (the HTTP status) and ``description`` per problem."""
    errors = [{"code": status, "description": description} for description in descriptions]
    return respond(format, "errors", errors, status=status)
