"""Users and API tokens in Django's admin — without anyone's codes or keys.

django-otp's own admin pages (which show TOTP keys, QR codes and backup codes, and let an
administrator make codes for someone else) are removed. An administrator sees which devices a
user has and can reset them (an audited action); the user enrols again at the next login.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .models import ApiToken, User

for _model in (StaticDevice, StaticToken, TOTPDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users with their agency and role. Locked-out logins are unlocked under "Axes"."""

    list_display = ("username", "first_name", "last_name", "agency", "role", "is_active")
    list_filter = ("role", "agency", "is_active", "is_staff")
    list_select_related = ("agency",)
    readonly_fields = ("second_factor_devices",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("ctip"), {"fields": ("agency", "role", "second_factor_devices")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("ctip"), {"fields": ("agency", "role")}),
    )
    actions = ["reset_second_factor"]

    @admin.display(description=_("Second factor"))
    def second_factor_devices(self, user):
        """Which devices the user has (never their codes or keys)."""
        rows = [
            (_("authenticator app"), d.name, _("confirmed") if d.confirmed else _("not confirmed"))
            for d in TOTPDevice.objects.filter(user=user)
        ] + [
            (_("backup codes"), d.name, d.token_set.count())
            for d in StaticDevice.objects.filter(user=user)
        ]
        return format_html_join("", "<div>{} · {} · {}</div>", rows) or "—"

    @admin.action(description=_("Reset the second factor (the user enrols again)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            services.reset_second_factor(
                request.user, user, reason="reset in the administration pages"
            )
        messages.success(request, _("The second factor was reset."))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be seen and revoked here; they are made by their owner or `ctip token create`."""

    list_display = ("user", "prefix", "name", "created", "expires", "last_used", "via", "revoked")
    list_filter = ("revoked", "via")
    fields = ("user", "name", "prefix", "created", "expires", "last_used", "via", "revoked")
    readonly_fields = fields
    list_select_related = ("user",)
    actions = ["revoke_tokens"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_tokens(self, request, queryset):
        for token in queryset:
            services.revoke_token(request.user, token)
        messages.success(request, _("The tokens were revoked."))
