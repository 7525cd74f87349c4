from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.units.models import Unit, UnitKind
from thidua.units.selectors import unit_display_name

# The picker's label is the one display name (kept under its old name for the callers).
unit_label = unit_display_name


class UnitChoiceField(forms.ModelChoiceField):
    """The one unit picker: labels from ``unit_label``."""

    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


class ParentChoiceField(forms.ModelChoiceField):
    """The unit form's parent picker: the name and the code."""

    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} ({obj.code})"


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "kind",
            "code",
            "name",
            "full_name",
            "parent",
            "valid_from",
            "valid_to",
            "is_sample",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "valid_to": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }
        field_classes = {"parent": ParentChoiceField}

    def __init__(self, *args: Any, parents: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = cast(ParentChoiceField, self.fields["parent"])
        parent.queryset = parents
        parent.required = True
        self.fields["full_name"].required = False
        for name, field in self.fields.items():
            css = (
                "form-check-input"
                if name == "is_sample"
                else ("form-select" if isinstance(field, forms.ChoiceField) else "form-control")
            )
            field.widget.attrs.setdefault("class", css)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity must not be before its start."))
        return data


AS_AT_PARAM = "ngay"


def as_at_field() -> forms.DateField:
    """«Xem theo ngày»: the day a directory, board or dashboard shows (``?ngay=dd/mm/yyyy``)."""
    return forms.DateField(
        label=_("View as at"),
        required=False,
        widget=forms.DateInput(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "class": "form-control"}
        ),
    )


class AsAtForm(forms.Form):
    ngay = as_at_field()


def as_at_day(params: Mapping[str, Any]) -> tuple[date, AsAtForm]:
    """The day asked for in ``?ngay=`` (today when absent or unreadable) and its form, whose
    errors the page shows."""
    form = AsAtForm({AS_AT_PARAM: params.get(AS_AT_PARAM, "")})
    day = form.cleaned_data[AS_AT_PARAM] if form.is_valid() else None
    return day or timezone.localdate(), form


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices]
    )
    ngay = as_at_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label
            field.widget.attrs.setdefault("class", "form-select")
