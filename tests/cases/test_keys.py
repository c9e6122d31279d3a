import pytest
from django.core.management import CommandError, call_command

from ctip.audit.models import AuditEntry
from ctip.cases import crypto
from ctip.cases.models import Intake, Person
from ctip.core import keys


def current_key() -> str:
    """The installation's sealing key (from the test data directory's field.keys)."""
    return crypto.split_keys(keys.get("field"))[0]


def test_rotation_reencrypts_everything_and_the_old_key_can_go(settings, make_case, worker, capsys):
    old = current_key()
    case = make_case()
    new = crypto.generate_key()
    settings.CTIP_FIELD_KEYS = [new, old]
    # Before rotation: still readable (old key listed), but stale.
    assert Person.objects.get(case=case).given_name == "Zümrüd"
    call_command("keys", "rotate")
    out = capsys.readouterr().out
    assert "re-encrypted" in out
    new_id = crypto.key_id(crypto.parse_key(new))
    for token in Person.objects.values_list("surname", flat=True):
        assert crypto.sealed_key_id(token) == new_id
    settings.CTIP_FIELD_KEYS = [new]
    p = Person.objects.get(case=case)
    assert (p.given_name, p.surname, p.documents) == ("Zümrüd", "Qəribəliyeva", ["AZE-TEST-0001"])
    assert Intake.objects.get().summary.startswith("Zəng edən")
    assert AuditEntry.objects.filter(action="cases.keys.rotate").exists()
    # Name search keeps working: the blind-index key is separate.
    from ctip.cases.selectors import search_persons

    assert search_persons(worker, "zumrud", purpose="after rotation")


def test_without_the_old_key_data_does_not_open(settings, make_case):
    make_case()
    settings.CTIP_FIELD_KEYS = [crypto.generate_key()]
    with pytest.raises(crypto.DecryptionError):
        _ = Person.objects.get().given_name
    with pytest.raises(CommandError):
        call_command("keys", "rotate")


def test_rotate_dry_run_changes_nothing(settings, make_case, capsys):
    old = current_key()
    make_case()
    before = list(Person.objects.values_list("surname", flat=True))
    settings.CTIP_FIELD_KEYS = [crypto.generate_key(), old]
    call_command("keys", "rotate", "--dry-run")
    assert "would re-encrypt" in capsys.readouterr().out
    assert list(Person.objects.values_list("surname", flat=True)) == before


def test_new_field_key_prints_a_valid_key(capsys):
    call_command("keys", "new-field-key")
    key = capsys.readouterr().out.strip()
    assert len(crypto.parse_key(key)) == 32


@pytest.mark.parametrize("bad", ["not-base64!!", "c2hvcnQ="])
def test_bad_key_configuration_is_a_clear_error(settings, db, bad):
    settings.CTIP_FIELD_KEYS = [bad]
    with pytest.raises(CommandError) as exc:
        call_command("keys", "status")
    assert exc.value.returncode == 2
