"""Every new session remembers the user's session generation (see "log out everywhere")."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in)
def remember_session_generation(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session["ctip_generation"] = user.session_generation
