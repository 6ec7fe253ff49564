"""Uploads from the public, checked by content and kept out of the web root.

Files are judged by their bytes (filetype's magic numbers, then Pillow or pypdf must
actually open them), never by their name or the browser's content type.  They are
stored in the private storage (``private_storage``) with random names and reach staff only
through views that check permissions (see forms.complaints.admin_views.attachment).

What a file may carry besides its content is refused or dropped:

* a PDF with a script, an action run on opening or on an event, a program launch or an
  embedded file is refused, saying which (``pdf_active_content``);
* an image of more pixels than ``MAX_IMAGE_PIXELS`` is refused from its header, before it
  is decoded (a few kilobytes of PNG can decode to gigabytes);
* every other image is stored re-encoded from its pixels (``pixels_only``).  Looking for
  markup in the bytes would miss what is compressed, split or encoded differently; a file
  written by Pillow from the decoded pixels holds nothing the sender put around them (HTML,
  appended files, comments, metadata such as the GPS position).
"""

import io
import secrets
import warnings

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .held_uploads import HeldFileInput

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo: more than any phone takes, 160 MB once decoded
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png"}
PDF_TYPE = "application/pdf"
ALLOWED_TYPES = {**IMAGE_TYPES, PDF_TYPE: "pdf"}
# A malformed file makes Pillow and pypdf fail in many ways; each means the file cannot be read.
READ_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    IndexError,
    KeyError,
    TypeError,
    AttributeError,
    PdfReadError,
    Image.DecompressionBombError,
)

# What makes a PDF do something when it is opened or clicked: its names in the PDF, then what to call them.
PDF_ACTIVE_KEYS = {
    "/JS": "script",
    "/JavaScript": "script",
    "/XFA": "script",
    "/AA": "automatic",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded",
    "/EmbeddedFiles": "embedded",
    "/EF": "embedded",
    "/RichMedia": "embedded",
}
PDF_ACTIVE_ACTIONS = {
    "/JavaScript": "script",
    "/RichMediaExecute": "script",
    "/SubmitForm": "automatic",
    "/Launch": "launch",
    "/GoToR": "launch",
    "/ImportData": "launch",
    "/GoToE": "embedded",
    "/Rendition": "embedded",
}
PDF_ACTIVITIES = {
    "script": _("JavaScript 脚本"),
    "automatic": _("打开或操作时自动执行的动作"),
    "launch": _("启动程序或打开其他文件的动作"),
    "embedded": _("嵌入的文件"),
}
MAX_PDF_OBJECTS = 100_000
TOO_COMPLEX = object()


def private_storage():
    """Where uploads from the public are kept: STORAGES["private"], a folder outside MEDIA_ROOT on one server or a
    private bucket for several (settings.FILE_STORAGE). Looked up when used, so tests' settings apply."""
    return storages["private"]


def private_upload_path(instance, filename):
    """A random name; the original name is kept in the database only."""
    extension = ALLOWED_TYPES.get(getattr(instance, "content_type", ""), "bin")
    return f"{instance.upload_folder}/{secrets.token_hex(16)}.{extension}"


def sniff_content_type(uploaded_file) -> str | None:
    """The file's real type if it is an allowed image or PDF that opens, else None."""
    uploaded_file.seek(0)
    kind = filetype.guess(uploaded_file.read(8192))
    uploaded_file.seek(0)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        return None
    data = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        if kind.mime in IMAGE_TYPES:
            with open_image(data) as image:
                image.verify()
        else:
            PdfReader(io.BytesIO(data), strict=False).pages[0]
    except READ_ERRORS:
        return None
    return kind.mime


def open_image(data):
    """Pillow's image from its header only; its size is checked here, not by Pillow's warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def image_pixels(data):
    with open_image(data) as image:
        return image.width * image.height


def pixels_only(data, content_type):
    """The image written anew from its pixels, upright, in its own format, with nothing else (no comment, no
    metadata: Pillow would otherwise copy what it read into what it writes)."""
    with open_image(data) as image:
        picture = ImageOps.exif_transpose(image)
    transparency = picture.info.get("transparency")
    picture.info = {}
    buffer = io.BytesIO()
    if content_type == "image/png":
        options = {} if transparency is None else {"transparency": transparency}
        picture.save(buffer, format="PNG", optimize=True, **options)
    else:
        picture = picture if picture.mode in ("L", "RGB") else picture.convert("RGB")
        picture.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def pdf_active_content(data):
    """What makes the PDF act, as the descriptions of PDF_ACTIVITIES (an empty list for a PDF that only shows its
    pages), or TOO_COMPLEX when it has too many objects to tell.

    Walks every object reachable from the trailer (catalog, pages, annotations, names, outlines, forms): the
    dictionaries of streams, not their data.
    """
    reader = PdfReader(io.BytesIO(data), strict=False)
    found, seen, pending = set(), set(), [reader.trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_PDF_OBJECTS:
                return TOO_COMPLEX
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found |= pdf_dictionary_activity(item)
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return [description for code, description in PDF_ACTIVITIES.items() if code in found]


def pdf_dictionary_activity(dictionary):
    found = {PDF_ACTIVE_KEYS[key] for key in dictionary if key in PDF_ACTIVE_KEYS}
    kind = dictionary.get("/S")
    if isinstance(kind, str) and kind in PDF_ACTIVE_ACTIONS:
        found.add(PDF_ACTIVE_ACTIONS[kind])
    opening = dictionary.get("/OpenAction")
    opening = opening.get_object() if opening is not None else None
    if isinstance(opening, DictionaryObject) and opening.get("/S") != "/GoTo":
        found.add("automatic")  # opening on a page is harmless (a destination, or a GoTo); any other action runs
    return found


def private_file_response(stored_file, content_type, filename=None):
    """Serve a private upload to someone already allowed to see it: never cached, never sniffed, and sandboxed, so
    nothing active in the file (a PDF's script, HTML hidden in an image) runs with the portal's origin."""
    response = FileResponse(stored_file.open("rb"), content_type=content_type, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


class PrivateUploadBase(models.Model):
    """A checked photo or PDF kept under PRIVATE_MEDIA_ROOT; subclasses name their ``upload_folder``."""

    file = models.FileField(storage=private_storage, upload_to=private_upload_path)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=40)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class CheckedFileField(forms.FileField):
    """A photo or PDF, checked by content and size; ``cleaned_data`` gets ``.checked_content_type``.

    A photo comes back as a new file of its pixels only (same name), which is what is stored. A file that passed
    is held while the rest of the form is corrected (``held_uploads``).
    """

    default_error_messages = {
        "wrong_type": _("只能上传照片（JPG、PNG）或 PDF 文件，此文件的内容不是照片或 PDF。"),
        "too_big": _("文件太大（%(size)s MB），每个文件不能超过 %(limit)s MB。"),
        "empty": _("上传的文件是空的，请重新选择。"),
        "invalid": _("上传的文件无法读取，请重新选择。"),
        "too_many_pixels": _(
            "照片像素太多（约 %(megapixels)s 百万像素），不能超过 %(limit)s 百万像素，请缩小尺寸后重新上传。"
        ),
        "active_pdf": _("此 PDF 含有%(what)s，为安全起见不能上传。请用“打印为 PDF”另存一份，或上传扫描件、照片。"),
        "complex_pdf": _("此 PDF 结构过于复杂，无法完成安全检查。请用“打印为 PDF”另存一份，或上传扫描件、照片。"),
    }

    def __init__(self, *args, max_bytes=MAX_UPLOAD_BYTES, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault(
            "widget",
            HeldFileInput(
                storage=private_storage,
                extensions=ALLOWED_TYPES,
                attrs={"accept": ",".join(ALLOWED_TYPES)},  # image/jpeg,image/png,application/pdf
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        checked = self.checked_file(super().clean(data, initial))
        # Held for the person if the form comes back with errors (not a file the form was given as its initial).
        self.widget.checked = checked if hasattr(checked, "checked_content_type") else None
        return checked

    def checked_file(self, uploaded):
        if not uploaded or getattr(uploaded, "held", None):
            return uploaded  # nothing sent, or a file held since it passed these checks
        if uploaded.size > self.max_bytes:
            raise ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={"size": f"{uploaded.size / 1024 / 1024:.1f}", "limit": self.max_bytes // 1024 // 1024},
            )
        content_type = sniff_content_type(uploaded)
        if content_type is None:
            raise ValidationError(self.error_messages["wrong_type"], code="wrong_type")
        data = uploaded.read()
        uploaded.seek(0)
        if content_type == PDF_TYPE:
            checked = self.check_pdf(uploaded, data)
        else:
            checked = self.check_image(uploaded, data, content_type)
        checked.checked_content_type = content_type
        return checked

    def check_pdf(self, uploaded, data):
        try:
            found = pdf_active_content(data)
        except READ_ERRORS:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if found is TOO_COMPLEX:
            raise ValidationError(self.error_messages["complex_pdf"], code="complex_pdf")
        if found:
            what = "、".join(str(activity) for activity in found)
            raise ValidationError(self.error_messages["active_pdf"], code="active_pdf", params={"what": what})
        return uploaded

    def check_image(self, uploaded, data, content_type):
        pixels = image_pixels(data)
        if pixels > MAX_IMAGE_PIXELS:
            raise ValidationError(
                self.error_messages["too_many_pixels"],
                code="too_many_pixels",
                params={"megapixels": round(pixels / 1_000_000), "limit": MAX_IMAGE_PIXELS // 1_000_000},
            )
        try:
            content = pixels_only(data, content_type)
        except READ_ERRORS:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return SimpleUploadedFile(uploaded.name, content, content_type=content_type)
