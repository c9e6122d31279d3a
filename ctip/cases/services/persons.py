"""The persons of an intake or a case: their data, their blind index, and the verbs that
add and change them (audited with the purpose of processing)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.core.errors import Conflict
from ctip.plan.services import remask_mentions

from .. import blindindex, permissions
from ..models import Case, NameIndex, Person, Sex
from ._common import _check_case_scope, _event, _require_purpose

PERSON_TEXT_FIELDS = ("given_name", "surname", "patronymic", "address")


def _age(dob: date | None, on: date) -> int | None:
    if not dob:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _apply_person_data(person: Person, data: dict[str, Any], registered_on: date) -> None:
    for name in PERSON_TEXT_FIELDS:
        if name in data:
            setattr(person, name, (data[name] or "").strip())
    if "date_of_birth" in data:
        dob = data["date_of_birth"]
        if isinstance(dob, str) and dob:
            dob = date.fromisoformat(dob)
        if dob and dob > registered_on:
            raise ValidationError(_("date of birth is after the registration date"))
        person.date_of_birth = dob.isoformat() if dob else ""
        if dob:
            person.age_at_registration = _age(dob, registered_on)
    if data.get("age") not in (None, "") and not data.get("date_of_birth"):
        age = int(data["age"])
        if not 0 <= age <= 120:
            raise ValidationError(_("age must be between 0 and 120"))
        person.age_at_registration = age
    for name in ("documents", "contacts"):
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = [line.strip() for line in value.splitlines() if line.strip()]
            setattr(person, name, value or None)
    if "sex" in data:
        if data["sex"] not in Sex.values:
            raise ValidationError(_("unknown sex value"))
        person.sex = data["sex"]
    if "citizenship" in data:
        code = (data["citizenship"] or "").strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            raise ValidationError(_("citizenship must be a two-letter ISO country code"))
        person.citizenship = code
    if "readmitted" in data:
        person.readmitted = bool(data["readmitted"])


def reindex_person(person: Person, *, remask: bool = True) -> None:
    """Rewrite the blind index of one person from its (decrypted) names, and mask the names in
    the report narratives already stored that mention them."""
    NameIndex.objects.filter(person=person).delete()
    if person.anonymized:
        return
    digests = blindindex.name_digests(person.given_name, person.surname, person.patronymic)
    NameIndex.objects.bulk_create([NameIndex(person=person, digest=d) for d in sorted(digests)])
    if remask:
        remask_mentions(person.given_name, person.surname, person.patronymic)


def _new_person(data: dict[str, Any], registered_on: date, **links: Any) -> Person:
    """A person saved with the given data and links (intake or case, number), indexed."""
    person = Person(registered_on=registered_on, **links)
    _apply_person_data(person, data, registered_on)
    person.save()
    reindex_person(person)
    return person


def add_person(actor: Actor, case: Case, *, purpose: str, **data: Any) -> Person:
    """Another person in an existing case (numbered after the last one), audited with the purpose."""
    _check_case_scope(actor, case, "person.edit")
    purpose = _require_purpose(purpose)
    if case.status == Case.Status.CLOSED or case.anonymized_at:
        raise ValidationError(_("the case is closed"))
    with transaction.atomic():
        number = (
            case.persons.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        person = _new_person(data, case.registered_on, case=case, number=number)
        _event(actor, case, "person_added", person=person.label)
        record(actor, "cases.person.create", person, purpose=purpose, case=case.code)
    return person


def update_person(
    actor: Actor, person: Person, *, purpose: str, version: int | None = None, **data: Any
) -> Person:
    """Change a person's data (only the keys given); the blind index follows the names.

    `version` is the version the user read: if the person changed since, nothing is written and
    Conflict says so (pages and the API always send it)."""
    if person.case is None:
        raise ValidationError(_("the person is not in a case yet"))
    _check_case_scope(actor, person.case, "person.edit")
    if not permissions.can_see_person(actor, person):
        raise PermissionDenied("this person is not within your reach")
    purpose = _require_purpose(purpose)
    if person.anonymized:
        raise ValidationError(
            _("this person's data was anonymized at the end of the retention period")
        )
    with transaction.atomic():
        current = _locked_version(person, version)
        _apply_person_data(person, data, person.case.registered_on)
        person.version = current + 1
        person.save()
        reindex_person(person)
        _event(actor, person.case, "person_updated", person=person.label)
        record(
            actor,
            "cases.person.update",
            person,
            purpose=purpose,
            case=person.case.code,
            fields=sorted(data),
            version=person.version,
        )
    return person


def _locked_version(person: Person, version: int | None) -> int:
    """The person's stored version, locked for the change; Conflict when it is not the version
    the user read."""
    current = Person.objects.select_for_update().only("version").get(pk=person.pk)
    if version is not None and int(version) != current.version:
        raise Conflict(
            _(
                "Someone else changed this person's data (now version %(v)s). Your text "
                "is kept below: check it against the current data and save again."
            )
            % {"v": current.version},
            current_version=current.version,
        )
    return current.version
