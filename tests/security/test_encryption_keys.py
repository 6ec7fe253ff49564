"""Finding 13 (part): FIELD_ENCRYPTION_KEYS only salted a key derived from SECRET_KEY, so a leaked SECRET_KEY
(with the salts, which sit beside it) decrypted every identity and bank number. The encryption now has Fernet
keys of its own, rotated by putting a new key first and running ``reencrypt_personal_data``."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from forms.applications.models import OperatorProfile
from forms.complaints.models import Complaint
from portal.checks import check_field_encryption_keys
from portal.encryption import UndecryptableValue, legacy_key

from ..complaints_factories import make_complaint
from ..operators_factories import make_operator

pytestmark = pytest.mark.django_db
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def stored(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 (names are the test's own)
        return cursor.fetchone()[0]


def store(table, column, pk, value):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608


def reencrypt():
    call_command("reencrypt_personal_data", stdout=io.StringIO())


def test_secret_key_alone_opens_nothing(home):
    case, _ = make_complaint(contact_phone="13900001111")
    token = stored("forms_complaint", "contact_phone", case.pk).encode()
    salts = [settings.SECRET_KEY, *settings.FIELD_ENCRYPTION_KEYS]
    for salt in salts:  # every key the library could derive from the leaked SECRET_KEY
        with pytest.raises(InvalidToken):
            Fernet(legacy_key(settings.SECRET_KEY, salt).encode()).decrypt(token)
    assert Fernet(settings.FIELD_ENCRYPTION_KEYS[0].encode()).decrypt(token) == b"13900001111"


def test_a_rotated_key_takes_over_after_reencryption(home):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        _user, profile = make_operator(phone="13812345678")
        case, _ = make_complaint(contact_name="李四")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        assert OperatorProfile.objects.get(pk=profile.pk).phone == "13812345678"  # the old key still reads
        reencrypt()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
        assert OperatorProfile.objects.get(pk=profile.pk).phone == "13812345678"
        assert Complaint.objects.get(pk=case.pk).contact_name == "李四"
    with pytest.raises(InvalidToken):
        Fernet(OLD.encode()).decrypt(stored("applications_operatorprofile", "phone", profile.pk).encode())


def test_data_written_with_secret_key_derived_keys_moves_onto_the_portals_keys(home):
    case, _ = make_complaint()
    derived = Fernet(legacy_key(settings.SECRET_KEY, "salt-of-2025").encode())
    store("forms_complaint", "contact_phone", case.pk, derived.encrypt(b"13700002222").decode())
    with override_settings(FIELD_ENCRYPTION_LEGACY_SALTS=["salt-of-2025"]):
        assert Complaint.objects.get(pk=case.pk).contact_phone == "13700002222"
        reencrypt()
    assert Complaint.objects.get(pk=case.pk).contact_phone == "13700002222"  # without the legacy salt


def test_a_value_no_key_opens_is_refused_not_shown_and_not_reencrypted(home):
    case, _ = make_complaint()
    foreign = Fernet(Fernet.generate_key()).encrypt(b"13700002222").decode()
    store("forms_complaint", "contact_phone", case.pk, foreign)
    with pytest.raises(UndecryptableValue):
        Complaint.objects.get(pk=case.pk)
    with pytest.raises(UndecryptableValue):
        reencrypt()
    assert stored("forms_complaint", "contact_phone", case.pk) == foreign


def test_deploy_check_requires_valid_keys_of_their_own():
    with override_settings(FIELD_ENCRYPTION_KEYS=[]):
        assert [error.id for error in check_field_encryption_keys(None)] == ["portal.E003"]
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, "not-a-key"]):
        assert "Key 2" in check_field_encryption_keys(None)[0].msg
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        assert check_field_encryption_keys(None) == []
