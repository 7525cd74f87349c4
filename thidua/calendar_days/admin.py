from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.calendar_days.models import DayOff, MadeUpWorkday


@admin.register(DayOff)
class DayOffAdmin(SimpleHistoryAdmin):
    list_display = ["date", "name", "kind", "legal_source"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_source"]
    date_hierarchy = "date"


@admin.register(MadeUpWorkday)
class MadeUpWorkdayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "name", "legal_source"]
    search_fields = ["name", "legal_source"]
    date_hierarchy = "date"
