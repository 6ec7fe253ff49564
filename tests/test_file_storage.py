"""Files live on whatever Django storage is configured (issue 16, several servers): nothing opens a local path, and
FILE_STORAGE=s3 puts public files and private uploads in buckets of their own through django-storages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.utils._os import safe_join
from wagtail.documents import get_document_model

from forms.applications.models import ApplicationDocument

from .complaints_factories import pdf_bytes
from .operators_factories import add_material, make_application, make_operator

pytestmark = pytest.mark.django_db


def files_under(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()] if Path(folder).exists() else []


class RemoteLikeStorage(InMemoryStorage):
    """Files kept in memory with no local path, as on S3: code that asks for a path fails here."""

    def path(self, name):
        raise NotImplementedError("This storage has no local paths.")

    def _relative_path(self, name):  # InMemoryStorage's own bookkeeping, not a path anyone can open
        return os.path.relpath(safe_join(self.location, name), self.location)


@pytest.fixture
def memory_storage(monkeypatch):
    """A storage without local paths for a model's file field (fields choose their storage when the models load)."""

    def use_for(model):
        storage = RemoteLikeStorage()
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storage)
        return storage

    return use_for


def test_an_operators_upload_is_kept_and_served_from_any_storage(client, home, memory_storage, settings):
    storage = memory_storage(ApplicationDocument)
    user, profile = make_operator()
    client.force_login(user)
    before = files_under(settings.PRIVATE_MEDIA_ROOT)
    document = add_material(make_application(profile), "①", "营业执照.pdf")
    assert storage.exists(document.file.name)
    response = client.get(f"/operators/applications/{document.application.receipt_no}/materials/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == before  # nothing went to the local folder


def test_a_published_document_is_served_from_any_storage(client, home, memory_storage, settings):
    storage = memory_storage(get_document_model())
    before = files_under(settings.MEDIA_ROOT)
    document = get_document_model().objects.create(
        title="零工市场建设补助申请表", file=ContentFile(pdf_bytes(), name="application-form.pdf")
    )
    assert storage.exists(document.file.name)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert files_under(settings.MEDIA_ROOT) == before


def configured(**environment):
    """What a fresh process configured by ``environment`` makes of the storages and sessions (or its error)."""
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.files.storage import storages\n"
        "public, private = storages['default'], storages['private']\n"
        "print(type(public).__name__, public.bucket_name, public.url('images/a.png'))\n"
        "print(type(private).__name__, private.bucket_name, 'X-Amz-Signature=' in private.url('uploads/b.pdf'))\n"
        "print(settings.SESSION_ENGINE)\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("S3_", "FILE_STORAGE", "AWS_"))}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", SECRET_KEY="storage-test-only", **environment)
    command = [sys.executable, "-c", script]  # a fixed script: nothing from outside the test runs
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=Path.cwd())  # noqa: S603


S3 = {
    "FILE_STORAGE": "s3",
    "S3_BUCKET": "lgsc-public",
    "S3_PRIVATE_BUCKET": "lgsc-private",
    "S3_ENDPOINT_URL": "https://oss.example.gov.cn",
    "S3_REGION": "cn-east-1",
    "S3_CUSTOM_DOMAIN": "files.lgsc.example.gov.cn",
    "AWS_ACCESS_KEY_ID": "test-only",
    "AWS_SECRET_ACCESS_KEY": "test-only",
    "CACHE_URL": "rediscache://127.0.0.1:6379/1",
}


def test_s3_by_configuration_public_files_by_plain_address_uploads_only_by_signed_one():
    result = configured(**S3)
    assert result.returncode == 0, result.stderr
    public, private, sessions = result.stdout.splitlines()
    assert public == "S3Storage lgsc-public https://files.lgsc.example.gov.cn/images/a.png"
    assert private == "S3Storage lgsc-private True"
    assert sessions == "django.contrib.sessions.backends.cached_db"  # sessions read from the shared Redis


def test_s3_without_its_buckets_does_not_start():
    result = configured(**{**S3, "S3_PRIVATE_BUCKET": ""})
    assert result.returncode != 0
    assert "FILE_STORAGE is s3: set S3_BUCKET (public files) and S3_PRIVATE_BUCKET (uploads)." in result.stderr


def test_an_unknown_file_storage_does_not_start():
    result = configured(FILE_STORAGE="ftp")
    assert "FILE_STORAGE is 'ftp': it should be filesystem or s3." in result.stderr
