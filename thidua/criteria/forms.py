"""Forms for facts. They parse input; the services decide what is valid (``person_errors``,
``rating_errors``), so the form, the import and the services refuse the same things."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.criteria.models import Person, PersonKind, RatingLevel
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
