from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.award_catalogue.models import Authority, AwardForm, BaseSalary, MoneyMultiple


@admin.register(AwardForm)
class AwardFormAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "recipient", "position"]
    list_filter = ["kind", "recipient"]
    search_fields = ["name", "code", "legal_source"]
    ordering = ["position", "name"]


@admin.register(MoneyMultiple)
class MoneyMultipleAdmin(SimpleHistoryAdmin):
    list_display = [
        "award_form",
        "recipient",
        "multiple",
        "round_up_to",
        "valid_from",
        "valid_to",
        "legal_source",
    ]
    list_filter = ["award_form", "recipient"]
    search_fields = ["award_form__name", "award_form__code", "legal_source"]
    list_select_related = ["award_form"]
    date_hierarchy = "valid_from"


@admin.register(BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["amount", "valid_from", "valid_to", "legal_source"]
    search_fields = ["legal_source"]
    date_hierarchy = "valid_from"


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = [
        "deciding_office",
        "award_form",
        "unit_level",
        "valid_from",
        "valid_to",
        "legal_source",
    ]
    list_filter = ["deciding_office", "award_form", "unit_level", "valid_from"]
    search_fields = ["award_form__name", "award_form__code", "legal_source"]
    list_select_related = ["award_form"]
