"""Encryption at rest of personal data (identity, phone and bank numbers, contact details), with keys of its own.

django-fernet-encrypted-fields derives its keys from SECRET_KEY, so a leaked SECRET_KEY would open every
identity and bank number. The portal's fields take their Fernet keys from ``FIELD_ENCRYPTION_KEYS`` instead:
the first key encrypts, every key decrypts. To rotate, put a new key first, run
``manage.py reencrypt_personal_data``, then drop the old key.

Values written before the portal had keys of its own were encrypted with keys derived from SECRET_KEY and the
salts in ``FIELD_ENCRYPTION_LEGACY_SALTS``; list those salts until ``reencrypt_personal_data`` has rewritten them.
A value no configured key opens is an error, never shown or re-encrypted as if it were the number.
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from encrypted_fields import fields as library


class UndecryptableValue(Exception):
    """A stored value that none of the configured keys decrypts."""


def new_key() -> str:
    return Fernet.generate_key().decode()


def configured_keys() -> tuple[str, ...]:
    """The keys in use: the portal's own, then any legacy ones (decryption only)."""
    legacy = tuple(
        legacy_key(secret, salt)
        for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        for salt in settings.FIELD_ENCRYPTION_LEGACY_SALTS
    )
    return tuple(settings.FIELD_ENCRYPTION_KEYS) + legacy


@functools.lru_cache(maxsize=32)
def legacy_key(secret: str, salt: str) -> str:
    """The key the library derives from SECRET_KEY and a salt (100,000 rounds: computed once per pair)."""
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt.encode(), iterations=100_000)
    return base64.urlsafe_b64encode(kdf.derive(secret.encode())).decode()


@functools.lru_cache(maxsize=8)
def fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not settings.FIELD_ENCRYPTION_KEYS:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is not set: personal data cannot be encrypted.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


class OwnKeysMixin:
    """Encrypt with the portal's keys, and refuse to pass on a value none of them opens."""

    @property
    def keys(self):
        return [key.encode() for key in configured_keys()]

    @property
    def f(self):
        return fernet_for(configured_keys())

    def get_prep_value(self, value):
        # Not the library's: CharField's get_prep_value would run the plain number through to_python (decrypting).
        value = models.Field.get_prep_value(self, value)
        if value is None or value == "":
            return None  # as the library stores an empty value
        return self.f.encrypt(str(value).encode()).decode()

    def to_python(self, value):
        if value is None or not isinstance(value, str) or hasattr(self, "_already_decrypted"):
            return value
        try:
            value = self.f.decrypt(value.encode()).decode()
        except InvalidToken as error:
            raise UndecryptableValue(
                f"{self.model._meta.label}.{self.name}: no key in FIELD_ENCRYPTION_KEYS (or the legacy salts) opens it"
            ) from error
        return super(library.EncryptedFieldMixin, self).to_python(value)


class EncryptedCharField(OwnKeysMixin, library.EncryptedCharField):
    pass


class EncryptedEmailField(OwnKeysMixin, library.EncryptedEmailField):
    pass


class EncryptedTextField(OwnKeysMixin, library.EncryptedTextField):
    """Longer personal text, e.g. the answers to a form the bureau builds, kept as one encrypted JSON document."""


def encrypted_fields_of(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, OwnKeysMixin)]
