"""Form helpers every app shares: Bootstrap classes on widgets and service errors on fields."""

from django import forms
from django.core.exceptions import ValidationError

# Money and quantity fields: «1.800.000.000 đ» typed the Vietnamese way.
from thidua.core.numbers import GroupedIntegerField, GroupedNumberInput, VndField

__all__ = ["GroupedIntegerField", "GroupedNumberInput", "VndField", "add_errors", "style_form"]


def style_form(form: forms.BaseForm) -> None:
    """Give each widget its Bootstrap class, keeping any class a form set itself."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
        ):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message on its field when the form
    has that field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
