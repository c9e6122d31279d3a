"""The agencies a case is sent to: the competent authorities, the usual service bodies and
an agency created from the reference list when absent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ctip import reference
from ctip.plan import selectors as plan_selectors
from ctip.plan.models import Agency

# Competent authorities that take procedural decisions (abbreviations from the reference list).
COMPETENT_AUTHORITIES = ("İAMBİ", "BP")
# Readmitted persons' service referrals and the bodies they usually go to.
SERVICE_REFERRAL_BODIES = {"housing_work": "ƏƏSMN", "treatment": "TƏBİB", "schooling": "ETN"}


def service_body_for(kind: str) -> Agency | None:
    """The usual body for a readmitted person's service referral (ƏƏSMN, TƏBİB, ETN), found by
    the one lookup of an agency by name (plan.selectors.agency_named)."""
    abbr = SERVICE_REFERRAL_BODIES.get(kind)
    return plan_selectors.agency_named(abbr) if abbr else None


def ensure_agency(abbr: str) -> Agency:
    """The agency with this abbreviation, created from ctip/reference/organizations.json if absent."""
    agency = plan_selectors.agency_named(abbr)
    if agency:
        return agency
    entry = reference.organization_by_abbr().get(abbr)
    if entry is None:
        raise ValidationError(_("unknown agency %(abbr)s") % {"abbr": abbr})
    parent = ensure_agency(entry["parent"]) if entry.get("parent") else None
    return Agency.objects.create(
        abbr=abbr,
        name_az=entry["name_az"],
        name_en=entry.get("name_en", ""),
        name_ru=entry.get("name_ru", ""),
        kind=entry.get("kind", "government"),
        parent=parent,
        aliases=entry.get("aliases", []),
    )
