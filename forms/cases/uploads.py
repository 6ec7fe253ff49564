"""Uploads from the public, checked by content and kept out of the web root.

Files are judged by their bytes (filetype's magic numbers, then Pillow or pypdf must
actually open them), never by their name or the browser's content type.  They are
stored under settings.PRIVATE_MEDIA_ROOT with random names and reach staff only
through views that check permissions (see forms.complaints.admin_views.attachment).
"""

import io
import secrets
from pathlib import PurePath

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png"}
PDF_TYPE = "application/pdf"
ALLOWED_TYPES = {**IMAGE_TYPES, PDF_TYPE: "pdf"}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """File storage under PRIVATE_MEDIA_ROOT, read when used so test settings apply."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(PurePath(settings.PRIVATE_MEDIA_ROOT))


private_storage = PrivateStorage()


def private_upload_path(instance, filename):
    """A random name; the original name is kept in the database only."""
    extension = ALLOWED_TYPES.get(getattr(instance, "content_type", ""), "bin")
    return f"{instance.upload_folder}/{secrets.token_hex(16)}.{extension}"


def sniff_content_type(uploaded_file) -> str | None:
    """The file's real type if it is an allowed image or PDF that opens, else None."""
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    kind = filetype.guess(head)
    uploaded_file.seek(0)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        return None
    data = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        if kind.mime in IMAGE_TYPES:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        else:
            PdfReader(io.BytesIO(data), strict=False).pages[0]
    except (OSError, SyntaxError, ValueError, IndexError, PdfReadError, Image.DecompressionBombError):
        return None
    return kind.mime


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
    """A photo or PDF, checked by content and size; ``cleaned_data`` gets ``.checked_content_type``."""

    default_error_messages = {
        "wrong_type": _("只能上传照片（JPG、PNG）或 PDF 文件，此文件的内容不是照片或 PDF。"),
        "too_big": _("文件太大（%(size)s MB），每个文件不能超过 %(limit)s MB。"),
        "empty": _("上传的文件是空的，请重新选择。"),
        "invalid": _("上传的文件无法读取，请重新选择。"),
    }

    def __init__(self, *args, max_bytes=MAX_UPLOAD_BYTES, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return uploaded
        if uploaded.size > self.max_bytes:
            raise ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={"size": f"{uploaded.size / 1024 / 1024:.1f}", "limit": self.max_bytes // 1024 // 1024},
            )
        content_type = sniff_content_type(uploaded)
        if content_type is None:
            raise ValidationError(self.error_messages["wrong_type"], code="wrong_type")
        uploaded.checked_content_type = content_type
        return uploaded
