"""The text inside uploaded PDF and .docx documents is searchable."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from search.engine import run_search

pytestmark = pytest.mark.django_db


def docx_bytes(*paragraphs):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "钢筋工"
    table.rows[0].cells[1].text = "380元/天"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text):
    """A one-page PDF showing ``text`` (ASCII) in Helvetica."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def upload(title, name, data):
    return get_document_model().objects.create(title=title, file=ContentFile(data, name=name))


def test_words_inside_a_docx_find_the_document(home):
    document = upload("附件2：申请表", "apply.docx", docx_bytes("零工驿站运营单位一次性建设补助申请表"))
    hits = run_search("建设补助申请表", kind="document").hits
    assert [hit.title for hit in hits] == ["附件2：申请表"]
    assert hits[0].url == document.url
    assert run_search("钢筋工", kind="document").hits[0].title == "附件2：申请表"  # text in a table


def test_words_inside_a_pdf_find_the_document(home):
    upload("Attachment 3", "form.pdf", pdf_bytes("Gig station self assessment form 2024"))
    assert [hit.title for hit in run_search("assessment", kind="document").hits] == ["Attachment 3"]


def test_a_replaced_file_is_reindexed_and_an_unreadable_one_is_kept(home):
    document = upload("附件4", "notes.docx", docx_bytes("育婴员"))
    document.file = ContentFile(docx_bytes("养老护理员"), name="notes2.docx")
    document.save()
    assert run_search("育婴员", kind="document").hits == []
    assert run_search("养老护理员", kind="document").hits[0].title == "附件4"

    broken = upload("损坏的附件", "broken.pdf", b"not a pdf")
    assert broken.search_text.text == ""
