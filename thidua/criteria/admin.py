from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.criteria.models import Attestation, Criterion, CriterionSet

# Locked sets (used by a decision) never change, not even here.


def _locked(obj) -> bool:
    if isinstance(obj, Criterion):
        obj = obj.criterion_set
    return obj is not None and obj.locked_at is not None


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "code", "text", "kind", "rule", "params"]
    extra = 0
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(CriterionSet)
class CriterionSetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "candidate_type", "movement", "version", "locked_at"]
    list_filter = ["candidate_type", "locked_at"]
    search_fields = ["name"]
    raw_id_fields = ["movement", "based_on", "created_by"]
    readonly_fields = ["locked_at", "locked_reason", "created_at"]
    inlines = [CriterionInline]

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "criterion_set", "kind", "rule", "position"]
    list_filter = ["kind", "rule"]
    search_fields = ["code", "text"]
    raw_id_fields = ["criterion_set", "origin"]

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Attestation)
class AttestationAdmin(SimpleHistoryAdmin):
    list_display = ["criterion", "unit", "person", "verdict", "attested_by", "attested_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["criterion", "movement", "unit", "person", "attested_by"]
