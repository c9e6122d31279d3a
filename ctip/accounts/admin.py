from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users with their agency and role. Locked-out logins are unlocked under "Axes"."""

    list_display = ("username", "first_name", "last_name", "agency", "role", "is_active")
    list_filter = ("role", "agency", "is_active", "is_staff")
    list_select_related = ("agency",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("ctip"), {"fields": ("agency", "role")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("ctip"), {"fields": ("agency", "role")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "prefix", "created", "last_used", "revoked")
    list_filter = ("revoked",)
    readonly_fields = ("user", "key_hash", "prefix", "created", "last_used")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False  # tokens are issued with `ctip token create` and shown once
