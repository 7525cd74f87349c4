from django.contrib import admin

from thidua.core.models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """Read-only: the record of what was sent is changed only by sending."""

    list_display = ["created_at", "recipient", "subject", "topic", "status", "attempts", "sent_at"]
    list_filter = ["status", "topic"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
