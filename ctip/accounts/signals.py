"""Account signals: sessions remember the user's session generation ("log out everywhere"), and
every change of a user, a second-factor device, a backup code or an API token is written to the
audit log — whether it comes from ctip's pages, the API, Django's admin, a command or a shell.

The actor is the request's user, or whoever `ctip.audit.context.acting_as` names; a command
without one is written as "system". No secret (password, code, key) ever enters an entry.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctip.audit.context import current_actor
from ctip.audit.services import record

from .models import ApiToken, User

USER_FIELDS = ("username", "role", "agency_id", "is_active", "is_staff", "is_superuser")
DEVICE_MODELS = (TOTPDevice, StaticDevice)


@receiver(user_logged_in)
def remember_session_generation(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session["ctip_generation"] = user.session_generation


def _before(sender, instance, fields) -> dict | None:
    if instance.pk is None:
        return None
    return sender.objects.filter(pk=instance.pk).values(*fields).first()


# --- users ------------------------------------------------------------------------------------


@receiver(pre_save, sender=User)
def _user_before(sender, instance, raw=False, update_fields=None, **kwargs):
    watched = {*USER_FIELDS, "agency", "password"}
    if raw or (update_fields is not None and not watched & set(update_fields)):
        instance._audit_before = None  # e.g. the last_login of every login
        return
    instance._audit_before = _before(sender, instance, (*USER_FIELDS, "password"))


@receiver(post_save, sender=User)
def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record(
            current_actor(),
            "accounts.user.created",
            instance,
            **{f.removesuffix("_id"): getattr(instance, f) for f in USER_FIELDS},
        )
        return
    before = getattr(instance, "_audit_before", None)
    if not before:
        return
    changes = {
        f.removesuffix("_id"): [before[f], getattr(instance, f)]
        for f in USER_FIELDS
        if before[f] != getattr(instance, f)
    }
    if before["password"] != instance.password:
        changes["password"] = "changed"
    if changes:
        record(current_actor(), "accounts.user.changed", instance, **changes)


@receiver(post_delete, sender=User)
def _user_deleted(sender, instance, **kwargs):
    record(current_actor(), "accounts.user.deleted", instance, username=instance.username)


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def _user_permissions(sender, instance, action, pk_set, model, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, User):
        record(
            current_actor(),
            "accounts.user.permissions_changed",
            instance,
            change=action.removeprefix("post_"),
            kind=model._meta.model_name,
            ids=sorted(pk_set or []),
        )


# --- second-factor devices and backup codes -----------------------------------------------------


def _device_before(sender, instance, raw=False, **kwargs):
    fields = ("confirmed", "user_id", "key") if sender is TOTPDevice else ("confirmed", "user_id")
    instance._audit_before = None if raw else _before(sender, instance, fields)


def _device_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    owner = {"user": instance.user_id, "name": instance.name}
    if created:
        record(
            current_actor(),
            "accounts.device.created",
            instance,
            confirmed=instance.confirmed,
            **owner,
        )
        return
    before = getattr(instance, "_audit_before", None) or {}
    if before.get("confirmed") is False and instance.confirmed:
        record(current_actor(), "accounts.device.confirmed", instance, **owner)
    if before and before["user_id"] != instance.user_id:
        record(
            current_actor(), "accounts.device.moved", instance, previous=before["user_id"], **owner
        )
    if before.get("key") is not None and before["key"] != instance.key:
        record(current_actor(), "accounts.device.key_changed", instance, **owner)


def _device_deleted(sender, instance, **kwargs):
    record(current_actor(), "accounts.device.deleted", instance, user=instance.user_id)


for _model in DEVICE_MODELS:
    pre_save.connect(_device_before, sender=_model, dispatch_uid=f"audit-before-{_model.__name__}")
    post_save.connect(_device_saved, sender=_model, dispatch_uid=f"audit-saved-{_model.__name__}")
    post_delete.connect(
        _device_deleted, sender=_model, dispatch_uid=f"audit-deleted-{_model.__name__}"
    )


@receiver(post_save, sender=StaticToken)
def _backup_code_added(sender, instance, created, raw=False, **kwargs):
    """A single code added outside `issue_backup_codes` (a shell, django-otp's command)."""
    if created and not raw:
        device = instance.device
        record(current_actor(), "accounts.backup_code.added", device, user=device.user_id)


# --- API tokens ----------------------------------------------------------------------------------


@receiver(pre_save, sender=ApiToken)
def _token_before(sender, instance, raw=False, **kwargs):
    instance._audit_before = None if raw else _before(sender, instance, ("revoked", "expires"))


@receiver(post_save, sender=ApiToken)
def _token_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    about = {"user": instance.user.username, "prefix": instance.prefix}
    if created:
        record(
            current_actor(),
            "accounts.token.created",
            instance,
            via=instance.via,
            second_factor=instance.second_factor,
            expires=instance.expires.isoformat(timespec="seconds"),
            **about,
        )
        return
    before = getattr(instance, "_audit_before", None) or {}
    if before.get("revoked") is False and instance.revoked:
        record(current_actor(), "accounts.token.revoked", instance, **about)
    if before.get("expires") and before["expires"] != instance.expires:
        record(
            current_actor(),
            "accounts.token.expiry_changed",
            instance,
            expires=instance.expires.isoformat(timespec="seconds"),
            **about,
        )


@receiver(post_delete, sender=ApiToken)
def _token_deleted(sender, instance, **kwargs):
    record(current_actor(), "accounts.token.deleted", instance, prefix=instance.prefix)
