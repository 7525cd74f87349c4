from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.files import validate_document
from thidua.core.forms import style_form
from thidua.core.validators import refuse_future
from thidua.movements.models import IndividualKind, Movement, UnitPlan
from thidua.movements.services import MOVEMENT_FIELDS
from thidua.units.models import RULE_KIND_CHOICES, Unit, UnitKind
from thidua.units.selectors import unit_display_name

DATE_WIDGET = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field ``name``: ``form.fields`` is typed with the base ``Field``."""
    return cast(forms.ChoiceField, form.fields[name])


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's model choice field ``name`` (a foreign key's or a declared one)."""
    return cast(forms.ModelChoiceField, form.fields[name])


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{unit_display_name(obj)} ({obj.get_kind_display()}, {obj.code})"


class IssuerChoiceField(forms.ModelChoiceField):
    """The issuing unit, named in full."""

    def label_from_instance(self, obj: Unit) -> str:
        return obj.full_name


class MovementForm(forms.ModelForm):
    collective_kinds = forms.MultipleChoiceField(
        label=_("Participating collectives (by unit kind)"),
        choices=[
            (k, label)
            for k, label in UnitKind.choices
            if k not in (UnitKind.PROVINCE, UnitKind.DISTRICT)
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    individual_kinds = forms.MultipleChoiceField(
        label=_("Participating individuals"),
        choices=IndividualKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    manual_units = UnitMultipleChoiceField(
        label=_("Participating units chosen one by one"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("In addition to the kinds above. Type to filter the list."),
    )

    class Meta:
        model = Movement
        fields = list(MOVEMENT_FIELDS)
        field_classes = {"issuing_unit": IssuerChoiceField}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_basis_summary": forms.Textarea(attrs={"rows": 2}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "theme": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "slogan": forms.Textarea(attrs={"rows": 2}),
            "funding_source": forms.Textarea(attrs={"rows": 2}),
            "distribution_list": forms.Textarea(
                attrs={"rows": 6, "placeholder": "- Sở Nội vụ;\n- Lưu: VT, PNV."}
            ),
            "document_date": forms.DateInput(attrs=DATE_WIDGET),
            "legal_basis_date": forms.DateInput(attrs=DATE_WIDGET),
            "start_date": forms.DateInput(attrs=DATE_WIDGET),
            "end_date": forms.DateInput(attrs=DATE_WIDGET),
            "registration_deadline": forms.DateInput(attrs=DATE_WIDGET),
            "flagship_due": forms.DateInput(attrs=DATE_WIDGET),
            "nomination_deadline": forms.DateInput(attrs=DATE_WIDGET),
        }
        help_texts = {
            "distribution_list": _("One recipient per line (Nơi nhận)."),
            "default_work_minimum": _("Applies to every unit kind without its own minimum below."),
        }

    def __init__(
        self, *args, issuers: QuerySet[Unit], area_units: QuerySet[Unit], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "issuing_unit").queryset = issuers
        model_choice_field(self, "manual_units").queryset = area_units
        self.fields["manual_units"].widget.attrs["size"] = 8
        for name in ("purposes", "requirements", "theme", "goal"):
            self.fields[name].required = True
        self.fields["flagship_count"].required = False  # blank means none
        refuse_future(self, "document_date", "legal_basis_date")
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_flagship_count(self) -> int:
        return self.cleaned_data.get("flagship_count") or 0

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        deadline = data.get("registration_deadline")
        if start and end and end <= start:
            self.add_error("end_date", _("The end date must be after the start date."))
        if deadline and start and end and not start <= deadline <= end:
            self.add_error(
                "registration_deadline",
                _("The registration deadline must fall within the movement's period."),
            )
        return data


class ContentAreaForm(forms.Form):
    label = forms.CharField(
        label=_("Label"), max_length=8, required=False, widget=forms.TextInput(attrs={"size": 3})
    )
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    target = forms.CharField(
        label=_("Measurable target"),
        max_length=500,
        required=False,
        help_text=_('E.g. "PAR Index and SIPAS up at least one rank on 2023".'),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


ContentAreaFormSet = forms.formset_factory(
    ContentAreaForm, extra=2, can_delete=True, min_num=1, validate_min=True
)


class WorkMinimumForm(forms.Form):
    unit_kind = forms.ChoiceField(
        label=_("Unit kind"),
        choices=[("", "—"), *RULE_KIND_CHOICES],
        required=False,
        help_text=_("A commune minimum applies to wards and special zones too."),
    )
    minimum = forms.IntegerField(
        label=_("Minimum works"), min_value=0, max_value=100, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_kind"].widget.attrs["class"] = "form-select"
        self.fields["minimum"].widget.attrs["class"] = "form-control"

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("unit_kind") and data.get("minimum") is None:
            self.add_error("minimum", _("Enter the minimum number of works for this kind."))
        if data.get("minimum") is not None and not data.get("unit_kind"):
            self.add_error("unit_kind", _("Choose the unit kind this minimum applies to."))
        return data


class BaseWorkMinimumFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            kind = form.cleaned_data.get("unit_kind") if hasattr(form, "cleaned_data") else None
            if not kind or form.cleaned_data.get("DELETE"):
                continue
            if kind in seen:
                raise forms.ValidationError(_("Each unit kind may have only one minimum."))
            seen.add(kind)


WorkMinimumFormSet = forms.formset_factory(
    WorkMinimumForm, formset=BaseWorkMinimumFormSet, extra=2, can_delete=True
)


class UnitPlanForm(forms.ModelForm):
    signed_file = forms.FileField(
        label=_("Signed plan (.pdf or .docx)"),
        required=False,
        validators=[validate_document],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    class Meta:
        model = UnitPlan
        fields = ["document_number", "issued_date", "theme", "goals", "content", "criteria"]
        widgets = {
            "issued_date": forms.DateInput(attrs=DATE_WIDGET),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 5}),
            "criteria": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("theme", "goals", "content", "criteria", "issued_date"):
            self.fields[name].required = True
        self.fields["signed_file"].required = not (self.instance and self.instance.signed_file)
        refuse_future(self, "issued_date")
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Unit kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices]
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All communes"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, communes: QuerySet[Unit], statuses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "commune").queryset = communes
        choice_field(self, "status").choices = [("", _("All statuses")), *statuses]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if name == "q" else "form-select"
            field.widget.attrs["aria-label"] = field.label
        self.fields["q"].widget.attrs["placeholder"] = _("Unit name or code")


class LaunchForm(forms.Form):
    """The plan's own number, date and signed file, asked for at launch; the number and date
    may be left for the standing body to complete later."""

    document_number = forms.CharField(label=_("Plan number"), max_length=64, required=False)
    document_date = forms.DateField(
        label=_("Plan date"), required=False, widget=forms.DateInput(attrs=DATE_WIDGET)
    )
    signed_file = forms.FileField(
        label=_("Signed plan (.pdf or .docx)"),
        validators=[validate_document],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args, require_file: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_file"].required = require_file
        refuse_future(self, "document_date")
        style_form(self)


class PlanReferenceForm(LaunchForm):
    """The standing body completes the plan's number, date or file after launch."""


class NominationDeadlineForm(forms.Form):
    nomination_deadline = forms.DateField(
        label=_("Nomination deadline"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("Blank means the movement's end date."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)
