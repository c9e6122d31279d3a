"""Each user's choice about the daily reminder e-mail (no row: reminders on, in Azerbaijani)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_setting"
    )
    enabled = models.BooleanField(_("send me a daily reminder by e-mail"), default=True)
    language = models.CharField(
        _("language of the reminder"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # The day of the last digest sent, so that a timer run twice in a day sends one.
    last_sent_on = models.DateField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"reminders of user {self.user_id}"
