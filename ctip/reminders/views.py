"""The user's own reminder choice, from the account page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ReminderSettingForm


@require_POST
def setting(request: HttpRequest) -> HttpResponse:
    form = ReminderSettingForm(request.POST)
    if form.is_valid():
        services.change_reminder_setting(request.user, **form.cleaned_data)
        messages.success(request, _("Your reminder settings were saved."))
    else:
        messages.error(request, _("Choose a language from the list."))
    return redirect("accounts:profile")
