from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.units.models import Unit, UnitSuccession


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["code", "name", "full_name", "search_text"]
    raw_id_fields = ["parent"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(SimpleHistoryAdmin):
    list_display = ["predecessor", "kind", "successor", "effective_date", "legal_basis"]
    raw_id_fields = ["predecessor", "successor"]
