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
# Roles that load the action plan from its document, edit its catalogue (titles, executors,
# deadlines, indicators), settle reporting obligations and map plans to their predecessors.
PLAN_CATALOGUE_ROLES = frozenset({Role.COORDINATOR})
