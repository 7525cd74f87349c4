"""Admin for superusers: bootstrapping the first Home Affairs account on a new installation.
Day-to-day account work happens in the app (Accounts menu), by Home Affairs officers."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from thidua.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    raw_id_fields = ["unit"]
    extra = 1


@admin.register(User)
class ThiDuaUserAdmin(UserAdmin, SimpleHistoryAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Thi đua", {"fields": ("full_name", "position", "phone", "unit", "must_change_password")}),
    )
    list_display = ["username", "full_name", "unit", "is_active", "is_superuser"]
    raw_id_fields = ["unit"]
    inlines = [RoleAssignmentInline]
