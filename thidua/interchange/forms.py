"""The upload form every import page starts from. Importers that need more (a unit picker for
the rows that leave their unit blank) subclass it; the file always comes last."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.files import is_xlsx, neutralise_name, validate_size

# A drop-down of more choices than this gets a search box above it.
FILTER_BOX_FROM = 15


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The fields that say how to read the file come before it.
        self.order_fields([*(name for name in self.fields if name != "file"), "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_size(upload)
        neutralise_name(upload)
        if not is_xlsx(upload):  # a zip that would unpack past the limits raises its own error
            raise ValidationError(
                _(
                    "This is not an Excel workbook (.xlsx). Save the file in Excel as "
                    "“Excel Workbook (*.xlsx)” and upload it again."
                ),
                code="not_xlsx",
            )
        return upload

    @cached_property
    def filter_field(self) -> str:
        """The name of the first drop-down long enough to need a search box, or ""."""
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and (
                field.queryset is not None and field.queryset.count() > FILTER_BOX_FROM
            ):
                return name
        return ""
