"""The text inside uploaded documents (PDF and .docx), kept so that site search finds what they say."""

import io
import logging
from pathlib import Path

import docx
import pypdf

from .models import DocumentText

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 200_000  # characters kept per document; enough for any policy attachment


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(data):
    document = docx.Document(io.BytesIO(data))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


EXTRACTORS = {".pdf": pdf_text, ".docx": docx_text}


def extract_text(document):
    """The text of a Wagtail document, or "" for other formats and unreadable files."""
    extractor = EXTRACTORS.get(Path(document.file.name).suffix.lower())
    if extractor is None:
        return ""
    try:
        with document.open_file() as file:
            text = extractor(file.read())
    except Exception:  # a damaged upload must not stop the editor saving it
        logger.warning("无法提取文档 %s 的文字", document.pk, exc_info=True)
        return ""
    return " ".join(text.split())[:MAX_TEXT_LENGTH]


def store_document_text(sender, instance, raw=False, **kwargs):
    """post_save of the document model: refresh its DocumentText (which is then indexed)."""
    if raw:
        return
    DocumentText.objects.update_or_create(document=instance, defaults={"text": extract_text(instance)})
