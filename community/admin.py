"""Admin screens of the community app."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from community.models import DuesPayment, Membership, Structure, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name", "handle"]
    fieldsets = (
        (None, {"fields": ("email", "password", "handle")}),
        (_("Identité"), {"fields": ("first_name", "last_name", "hide_from_directory")}),
        (_("Droits"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "departement", "kind"]
    list_filter = ["departement", "kind"]
    search_fields = ["name", "city"]


class DuesInline(admin.TabularInline):
    model = DuesPayment
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "structure", "profession", "status", "valid_until"]
    list_filter = ["status", "profession"]
    search_fields = ["user__email", "user__last_name", "structure__name"]
    inlines = [DuesInline]
    raw_id_fields = ["user", "approved_by"]
