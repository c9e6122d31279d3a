"""Receivers for signals of the apps below cases."""

from __future__ import annotations


def suggest_indicator_values(sender, *, indicator, period, agency, user=None, **kwargs):
    """Suggested value for an indicator that counts cases referred under the referral mechanism:
    referrals to a competent authority sent during the period (cases of `agency` when given).
    A count only, offered to users who may see the case figures."""
    from django.utils.translation import gettext as _

    from . import permissions
    from .models import Referral

    if indicator.source != "cases_referred" or not permissions.can(user, "stats.view"):
        return []
    qs = Referral.objects.filter(
        kind=Referral.Kind.COMPETENT_AUTHORITY, sent_on__gte=period.start, sent_on__lte=period.end
    )
    if agency is not None:
        qs = qs.filter(case__agency=agency)
    value = qs.count()
    note = _("Referral mechanism: %(value)s referrals sent in %(period)s") % {
        "value": value,
        "period": period.code,
    }
    if agency is not None:
        note += f" ({agency.abbr})"
    return [{"key": "cases:referred", "value": value, "note": note}]
