"""Roles and what each may do: the one place the rest of ctip asks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("Case worker")
    SUPERVISOR = "supervisor", _("Supervisor")
    FOCAL_POINT = "focal_point", _("Agency focal point")
    COORDINATOR = "coordinator", _("National coordinator's office")
    ANALYST = "analyst", _("Coordinator's analyst")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


# Roles whose users can open personal data of victims and suspects: they must use a second factor.
PERSONAL_DATA_ROLES = frozenset({Role.CASE_WORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN})
# Roles that see personal names inside report narratives (need-to-know).
NARRATIVE_PII_ROLES = frozenset(
    {Role.COORDINATOR, Role.FOCAL_POINT, Role.CASE_WORKER, Role.SUPERVISOR, Role.ADMIN}
)
# Roles that review every agency's reports.
REVIEWER_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})

# --- Role sets the apps' permissions.py build their rules from (defined here, once) --------------
# The national coordinator's office (and administrators): every agency's records, reports and
# review.
COORDINATOR_ROLES = REVIEWER_ROLES
# The plan's catalogue itself (loading plans, sub-items, executors, deadlines, indicators, the
# current plan, obligations, crosswalks): the coordinator's office alone, not the administrator.
PLAN_CATALOGUE_ROLES = frozenset({Role.COORDINATOR})
# Act for their own agency: its item reports, imports, records and its own report.
AGENCY_FOCAL_ROLES = frozenset({Role.FOCAL_POINT})
# Read every agency's drafts and returned reports (besides the reviewers).
DRAFT_READER_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN, Role.AUDITOR})
# Create and edit records (focal points for their own agency, the coordinator's office for all).
RECORD_WRITER_ROLES = AGENCY_FOCAL_ROLES | COORDINATOR_ROLES
# Download any registry entry's attached file.
FILE_READER_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN, Role.ANALYST, Role.AUDITOR})
# Generate agency and national reports (focal points only their own agency's).
REPORT_ROLES = AGENCY_FOCAL_ROLES | COORDINATOR_ROLES
# Case work under the referral mechanism, always limited to the user's agency: its own cases, and
# in cases referred to it only the referred persons and a receiving agency's actions.
CASEWORK_ROLES = frozenset({Role.CASE_WORKER, Role.SUPERVISOR})
# Hand a case over to another agency (the owner's supervisor).
CASE_TRANSFER_ROLES = frozenset({Role.SUPERVISOR})
# Pseudonymous case records of every agency, never personal data; keys, indicator sets, retention.
CASE_OVERSIGHT_ROLES = frozenset({Role.ADMIN})
# Case figures without personal data (small cells suppressed).
CASE_STATS_ROLES = frozenset(Role.values) - {Role.AUDITOR}
# The k-anonymous export.
CASE_EXPORT_ROLES = frozenset({Role.COORDINATOR, Role.ANALYST, Role.ADMIN})
# The audit log.
AUDIT_READER_ROLES = frozenset({Role.AUDITOR, Role.ADMIN})
# The coordinator's analysts: figures across agencies, no personal data.
ANALYSIS_ROLES = frozenset({Role.ANALYST})


def role_of(user) -> str | None:
    """The role a user acts in: None when anonymous or inactive; a superuser acts as administrator."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return user.role
