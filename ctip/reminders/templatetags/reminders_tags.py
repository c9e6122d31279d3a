"""The account page's reminder form, without the accounts app knowing about reminders."""

from django import template

from ..forms import ReminderSettingForm
from ..selectors import setting_of

register = template.Library()


@register.inclusion_tag("reminders/_profile.html", takes_context=True)
def reminder_settings(context):
    user = context["request"].user
    return {
        "form": ReminderSettingForm(instance=setting_of(user)),
        "has_email": bool(user.email),
        "csrf_token": context.get("csrf_token"),
    }
