"""Sending the daily digests, and each user's choice about them."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record

from . import selectors
from .models import ReminderSetting

log = logging.getLogger("ctip.reminders")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One user's digest and whether it was sent (dry runs and empty digests are not)."""

    user_id: int
    username: str
    language: str
    digest: selectors.Digest
    sent: bool


def render_digest(digest: selectors.Digest, language: str) -> tuple[str, str]:
    """Subject and plain-text body in `language`: counts and links, no personal data."""
    with translation.override(language):
        subject = _("ctip: %(overdue)d overdue, %(soon)d due in the next %(days)d days") % {
            "overdue": digest.overdue,
            "soon": digest.soon,
            "days": digest.days,
        }
        body = render_to_string(
            "reminders/digest.txt",
            {
                "digest": digest,
                "lines": [line for line in digest.lines if line.overdue or line.soon],
                "site": settings.CTIP_SITE_URL,
            },
        )
    return subject, body


def send_reminders(
    actor: Actor, *, today: dt.date, days: int, dry_run: bool = False, again: bool = False
) -> list[Outcome]:
    """Send every user whose digest is not empty one message, once a day (`again` sends twice).
    One audit entry for the run, with the count; nothing about who got what."""
    outcomes = []
    connection = None if dry_run else get_connection()
    for user in selectors.users_to_remind():
        setting = selectors.setting_of(user)
        if setting.last_sent_on == today and not again:
            continue
        digest = selectors.digest_for(user, today=today, days=days)
        sent = False
        if not digest.empty and not dry_run:
            subject, body = render_digest(digest, setting.language)
            EmailMessage(subject, body, to=[user.email], connection=connection).send()
            setting.last_sent_on = today
            setting.save()
            sent = True
        outcomes.append(Outcome(user.pk, user.get_username(), setting.language, digest, sent))
    if not dry_run:
        count = sum(o.sent for o in outcomes)
        record(actor, "reminders.digest.sent", None, count=count, day=today.isoformat())
        log.info("reminders: %d digests sent for %s", count, today.isoformat())
    return outcomes


def change_reminder_setting(actor: Actor, *, enabled: bool, language: str) -> ReminderSetting:
    """The user turns their reminders on or off, or picks their language."""
    with transaction.atomic():
        setting, _created = ReminderSetting.objects.get_or_create(user=actor)
        setting.enabled = enabled
        setting.language = language
        setting.full_clean(exclude=["user"])
        setting.save()
        record(actor, "reminders.setting.change", setting, enabled=enabled, language=language)
    return setting
