"""A checked file kept while its form is corrected, so a wrong captcha or a missing field does not cost the photo.

A browser never refills a file input. When a form comes back with errors, each file that passed its checks is
stored in the private storage under ``held/`` and the form carries a signed token naming it (``HeldFileInput``);
sent back without a new file, the token brings the stored file back into the form. Only the person holding the
page has the token, and the signature stops it naming any other file. Held files are deleted once the form is
accepted (``discard_held_uploads``), and any left behind after ``HOLD_FOR`` by the daily
``manage.py erase_expired_personal_data`` (``erase_expired_held_uploads``).
"""

import datetime
import re
import secrets
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

HOLD_FOR = datetime.timedelta(days=1)
HELD_FOLDER = "held"
SIGNING_SALT = "forms.cases.held_uploads"


@dataclass(frozen=True)
class HeldUpload:
    token: str
    stored_name: str
    original_name: str
    content_type: str
    size: int


def is_held_name(name, extensions):
    """Whether ``name`` is one ``hold`` gives: held/<32 hex digits>.<an allowed type's extension>."""
    allowed = "|".join(re.escape(extension) for extension in extensions.values())
    return re.fullmatch(rf"{HELD_FOLDER}/[0-9a-f]{{32}}\.({allowed})", name) is not None


def hold(checked_file, storage, extensions) -> HeldUpload:
    """Store a file that passed its checks and return what the form needs to ask for it back; ``extensions`` are
    the allowed types' ({content type: extension}, ``uploads.ALLOWED_TYPES``)."""
    content_type = checked_file.checked_content_type
    stored_name = f"{HELD_FOLDER}/{secrets.token_hex(16)}.{extensions[content_type]}"
    checked_file.seek(0)
    stored_name = storage.save(stored_name, ContentFile(checked_file.read()))
    checked_file.seek(0)
    token = signing.dumps(
        {"name": stored_name, "original": checked_file.name, "type": content_type}, salt=SIGNING_SALT, compress=True
    )
    return HeldUpload(token, stored_name, checked_file.name, content_type, checked_file.size)


def restore(token, storage, extensions):
    """The held file a token names, as an upload already checked, or None when the token is forged, expired or its
    file gone."""
    try:
        held = signing.loads(token, salt=SIGNING_SALT, max_age=HOLD_FOR)
    except signing.BadSignature:
        return None
    stored_name = held.get("name", "")
    if (
        not is_held_name(stored_name, extensions)
        or held.get("type") not in extensions
        or not storage.exists(stored_name)
    ):
        return None
    with storage.open(stored_name, "rb") as stored:
        content = stored.read()
    restored = SimpleUploadedFile(held["original"], content, content_type=held["type"])
    restored.checked_content_type = held["type"]
    restored.held = HeldUpload(token, stored_name, held["original"], held["type"], len(content))
    return restored


class HeldFileInput(forms.FileInput):
    """A file input that shows, and sends back, the file held for it since the form was last sent.

    ``CheckedFileField.clean`` leaves the file it accepted in ``checked``; if the form is then shown again (it had
    errors), rendering holds that file. A new file chosen replaces the held one; 不上传此文件 drops it.
    """

    template_name = "forms/widgets/held_file_input.html"
    checked = None

    def __init__(self, *args, storage=None, extensions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage, self.extensions = storage, extensions

    def value_from_datadict(self, data, files, name):
        if files.get(name):
            return files.get(name)
        token = data.get(self.held_name(name))
        if token and not data.get(self.drop_name(name)):
            return restore(token, self.storage(), self.extensions)
        return None

    def value_omitted_from_data(self, data, files, name):
        return name not in files and self.held_name(name) not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            held=self.held_upload(), held_name=self.held_name(name), drop_name=self.drop_name(name)
        )
        return context

    def held_upload(self):
        if self.checked is None:
            return None
        if getattr(self.checked, "held", None) is None:
            self.checked.held = hold(self.checked, self.storage(), self.extensions)
        return self.checked.held

    @staticmethod
    def held_name(name):
        return f"{name}-held"

    @staticmethod
    def drop_name(name):
        return f"{name}-drop"


def discard_held_uploads(form):
    """Once a form's files are stored with what it was for (a case, a submission, an operator's draft): delete their
    held copies, and hold nothing more if the form is shown again (its files are no longer to be sent)."""
    for field in form.fields.values():
        if not isinstance(field.widget, HeldFileInput) or field.widget.checked is None:
            continue
        held = getattr(field.widget.checked, "held", None)
        if held is not None:
            field.widget.storage().delete(held.stored_name)
        field.widget.checked = None


def erase_expired_held_uploads(storage, now=None):
    """Delete held files older than HOLD_FOR (a form left with errors and never sent again); how many."""
    cutoff = (now or timezone.now()) - HOLD_FOR
    try:
        names = storage.listdir(HELD_FOLDER)[1]
    except FileNotFoundError:
        return 0
    expired = [f"{HELD_FOLDER}/{name}" for name in names if storage.get_modified_time(f"{HELD_FOLDER}/{name}") < cutoff]
    for name in expired:
        storage.delete(name)
    return len(expired)
