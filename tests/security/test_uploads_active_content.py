"""Finding 11 of the security test (part): uploads were accepted that should not be.

A PDF that runs JavaScript when opened, a JPEG or PNG carrying HTML, and a 144-megapixel PNG of 17 KB (staff's case
page shows photos with <img>, so the browser decodes all of it). Now a PDF with scripts, automatic actions, program
launches or embedded files is refused saying what it holds; an image of more than 40 megapixels is refused before
it is decoded; and every image is stored re-encoded from its pixels, so nothing else it carried is kept.
"""

import io
import struct
import zlib

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from forms.cases.uploads import CheckedFileField
from forms.complaints.models import ComplaintAttachment
from tests.complaints_factories import COMPLAINT_URL, complaint_post, png_bytes

pytestmark = pytest.mark.django_db
MARKUP = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def checked(data, name="file.bin"):
    return CheckedFileField().clean(SimpleUploadedFile(name, data))


def refusal(data, name="file.bin"):
    with pytest.raises(ValidationError) as refused:
        checked(data, name)
    return " ".join(refused.value.messages)


# --- PDFs ----------------------------------------------------------------------------------------


def pdf(change=None):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def action(kind, **entries):
    return DictionaryObject({NameObject("/S"): NameObject(kind), **{NameObject(k): v for k, v in entries.items()}})


def open_action_script(writer):
    writer._root_object[NameObject("/OpenAction")] = action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")})


def document_script(writer):
    """A document-level script, in the catalog's /Names tree, run as the document opens."""
    script = writer._add_object(action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")}))
    scripts = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("init"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): scripts})


def page_open_script(writer):
    script = action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): script})


def launch_link(writer):
    launch = action("/Launch", **{"/F": TextStringObject("cmd.exe")})
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(50), NumberObject(50)]),
            NameObject("/A"): launch,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])


def embedded_file(writer):
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (open_action_script, "JavaScript"),
        (document_script, "JavaScript"),
        (page_open_script, "JavaScript"),
        (launch_link, "启动程序"),
        (embedded_file, "嵌入的文件"),
    ],
)
def test_a_pdf_with_active_content_is_refused_saying_what_it_holds(change, named):
    message = refusal(pdf(change), "材料.pdf")
    assert "不能上传" in message and named in message


def test_a_pdf_opening_on_its_first_page_is_still_accepted():
    def open_on_first_page(writer):
        page = writer.pages[0].indirect_reference
        writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])

    assert checked(pdf(open_on_first_page)).checked_content_type == "application/pdf"


def test_a_plain_pdf_is_stored_as_sent():
    data = pdf()
    uploaded = checked(data, "营业执照.pdf")
    uploaded.seek(0)
    assert uploaded.read() == data


# --- Images ---------------------------------------------------------------------------------------


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_flood_png(side=12000):
    """A 1-bit palette PNG of side × side white pixels, written row by row: 144 megapixels in about 17 KB."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (side // 8)
    pixels = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 3, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"PLTE", b"\xff\xff\xff\x00\x00\x00")
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def test_a_144_megapixel_png_of_a_few_kilobytes_is_refused_before_it_is_decoded():
    data = pixel_flood_png()
    assert len(data) < 50_000
    message = refusal(data, "photo.png")
    assert "144" in message and "40" in message and "像素" in message


def jpeg_bytes(**options):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(buffer, format="JPEG", **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (png_bytes() + MARKUP, "image/png"),
        (jpeg_bytes() + MARKUP, "image/jpeg"),
        (jpeg_bytes(comment=MARKUP), "image/jpeg"),
    ],
)
def test_an_image_carrying_html_is_kept_as_its_pixels_only(data, content_type):
    uploaded = checked(data, "photo")
    uploaded.seek(0)
    stored = uploaded.read()
    assert uploaded.checked_content_type == content_type and uploaded.size == len(stored)
    assert b"<script" not in stored and b"<html" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 30)


def test_the_complaint_stores_the_re_encoded_photo(client, home):
    photo = SimpleUploadedFile("现场.png", png_bytes() + MARKUP, content_type="image/png")
    response = client.post(COMPLAINT_URL, complaint_post(attachment_1=photo))
    assert response.status_code == 302
    attachment = ComplaintAttachment.objects.get()
    with attachment.file.open("rb") as stored:
        content = stored.read()
    assert b"<script" not in content and attachment.size == len(content)
    assert attachment.original_name == "现场.png"
