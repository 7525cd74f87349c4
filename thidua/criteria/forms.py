"""Forms for facts. They parse input; the services decide what is valid (``person_errors``,
``rating_errors``, ``fact_record_errors``), so the form, the import and the services refuse
the same things."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.templatetags.vn_format import group_thousands
from thidua.criteria.models import FactKind, Person, PersonKind, RatingLevel, TargetOutcome
from thidua.interchange.views import ImportForm
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        # Villages share names across communes ("Thôn 1"): say whose.
        if obj.kind in VILLAGE_LEVEL_KINDS and obj.parent is not None:
            return f"{obj.name} – {obj.parent.name}"
        return obj.name


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.RadioSelect):
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class PersonForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Managing unit"), queryset=Unit.objects.none())

    class Meta:
        model = Person
        fields = ["unit", "full_name", "kind", "position", "birth_year", "is_sample"]
        widgets = {"birth_year": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["kind"].choices = [("", "—"), *PersonKind.choices]
        _style(self)

    def _post_clean(self) -> None:
        # The service validates (and saves); skip the model's own full_clean here.
        pass


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Year"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )


class RatingForm(forms.Form):
    year = _year_field()
    level = forms.ChoiceField(
        label=_("Rating"), choices=RatingLevel.choices, widget=forms.RadioSelect
    )
    document_reference = forms.CharField(
        label=_("Document reference"),
        max_length=300,
        required=False,
        help_text=_("For example: Decision No. 12/QĐ-UBND of 20/01/2025."),
    )
    evidence = forms.FileField(
        label=_("Evidence file (.pdf or .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year - 1
        _style(self)


class RecognitionForm(forms.Form):
    year = _year_field()
    document_reference = forms.CharField(
        label=_("Document reference"),
        max_length=300,
        required=False,
        help_text=_("For example: Decision No. 12/QĐ-UBND of 20/01/2025."),
    )
    evidence = forms.FileField(
        label=_("Evidence file (.pdf or .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


# Thousands may be grouped with ".", spaces or "," as people type them: 15.000.000 đ.
_AMOUNT_NOISE = re.compile(r"[\s.,]|đồng|đ|vnđ|vnd", re.IGNORECASE)


class AmountInput(forms.TextInput):
    """Shows a stored amount the Vietnamese way (15.000.000) and takes it back the same way."""

    def format_value(self, value):
        if isinstance(value, int | Decimal):
            return group_thousands(Decimal(value))
        return super().format_value(value)


class AmountField(forms.Field):
    widget = AmountInput

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        digits = _AMOUNT_NOISE.sub("", text)
        if not digits.isascii() or not digits.isdigit():
            raise ValidationError(
                _("Write the «Amount (VND)» in đồng as a whole number, for example 15.000.000."),
                code="invalid",
            )
        return int(digits)


class FactRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of fact"), choices=FactKind.choices)
    year = _year_field()
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What the fact is, in a sentence: the target and its figure, the initiative, the "
            "fund, the violation or the complaint."
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome (targets only)"),
        choices=[("", "—"), *TargetOutcome.choices],
        required=False,
    )
    amount = AmountField(
        label=_("Amount in đồng (contributions only)"),
        required=False,
        widget=AmountInput(attrs={"inputmode": "numeric"}),
        help_text=_("For example 15.000.000."),
    )
    document_reference = forms.CharField(
        label=_("Document reference"),
        max_length=300,
        required=False,
        help_text=_("For example: Decision No. 12/QĐ-UBND of 20/01/2025."),
    )
    evidence = forms.FileField(
        label=_("Evidence file (.pdf, .docx or a photo)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png,.webp"}),
        help_text=_("A new file replaces the one attached before."),
    )
    remove_evidence = forms.BooleanField(label=_("Remove the attached file"), required=False)

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year - 1
        if not editing:
            self.fields["evidence"].help_text = ""
        _style(self)


class PeopleImportForm(ImportForm):
    """The file, and the unit that rows with a blank «Unit» belong to."""

    unit = UnitChoiceField(
        label=pgettext_lazy("people import", "Unit for rows without one"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Rows whose «Unit» cell is blank are people of this unit."),
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].widget.attrs["class"] = "form-select"
