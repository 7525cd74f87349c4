from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.movements.forms import DATE_WIDGET
from thidua.units.models import Unit, UnitKind
from thidua.works.models import (
    FundingSource,
    ProgressStatus,
    RegistrationStatus,
    Schedule,
    Work,
    WorkKind,
)
from thidua.works.services import WORK_FIELDS


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
            widget.attrs.setdefault("class", "form-control")
        else:
            widget.attrs.setdefault("class", "form-control")


class WorkForm(forms.ModelForm):
    """The registration form. Required-ness of the plan's five facts is decided by the
    service (a draft may lack them), so the form marks them but lets them be blank."""

    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)

    class Meta:
        model = Work
        fields = ["unit", *WORK_FIELDS]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "expected_completion": forms.DateInput(attrs=DATE_WIDGET),
            "estimated_value": forms.NumberInput(
                attrs={"min": "1", "step": "1", "inputmode": "numeric"}
            ),
        }

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if self.instance.pk:
            self.fields["unit"].disabled = True
        self.fields["kind"].choices = WorkKind.choices
        self.fields["funding_source"].choices = [("", "—"), *FundingSource.choices]
        for name in ("volume", "site", "estimated_value", "funding_source", "expected_completion"):
            self.fields[name].required = False
            self.fields[name].widget.attrs["data-required-by-plan"] = "1"
        self.fields["volume"].widget.attrs["placeholder"] = _("e.g. 1.2 km of concrete road")
        _style(self)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Progress"), choices=ProgressStatus.choices)
    percent = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100)
    actual_completion = forms.DateField(
        label=_("Actual completion"), required=False, widget=forms.DateInput(attrs=DATE_WIDGET)
    )
    put_into_use = forms.DateField(
        label=_("Put into use on"), required=False, widget=forms.DateInput(attrs=DATE_WIDGET)
    )
    value_done = forms.DecimalField(
        label=_("Value realised (VND)"), required=False, min_value=0, decimal_places=0
    )
    note = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        help_text=_("Photos (.jpg, .png, .webp) or documents (.pdf, .docx); several at once."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["files"].widget.attrs["accept"] = ".jpg,.jpeg,.png,.webp,.pdf,.docx"


class WorkFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind of work"), required=False)
    unit_kind = forms.ChoiceField(label=_("Unit kind"), required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Unit.objects.none()
    )
    status = forms.ChoiceField(label=_("Registration status"), required=False)
    progress = forms.ChoiceField(label=_("Progress"), required=False)
    schedule = forms.ChoiceField(label=_("Schedule"), required=False)
    funding_source = forms.ChoiceField(label=_("Funding source"), required=False)
    late = forms.BooleanField(label=_("Registered late"), required=False)

    def __init__(self, *args, communes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds of work")), *WorkKind.choices]
        self.fields["unit_kind"].choices = [("", _("All unit kinds")), *UnitKind.choices]
        self.fields["commune"].queryset = communes
        self.fields["commune"].empty_label = _("All communes")
        self.fields["status"].choices = [("", _("All statuses")), *RegistrationStatus.choices]
        self.fields["progress"].choices = [("", _("All progress")), *ProgressStatus.choices]
        self.fields["schedule"].choices = [
            ("", _("Any schedule")),
            *[(v, label) for v, label in Schedule.choices if v != Schedule.NONE],
        ]
        self.fields["funding_source"].choices = [
            ("", _("All funding sources")),
            *FundingSource.choices,
        ]
        _style(self)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label
        self.fields["q"].widget.attrs["placeholder"] = _("Work or unit")


COMPLIANCE_STATES = (
    ("not_registered", _("Not registered")),
    ("below_minimum", _("Below the minimum")),
    ("late", _("Registered late")),
    ("missing_data", _("Missing required data")),
    ("awaiting", _("Awaiting the commune")),
)


class ComplianceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    unit_kind = forms.ChoiceField(label=_("Unit kind"), required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Unit.objects.none()
    )
    state = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, communes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_kind"].choices = [("", _("All unit kinds")), *UnitKind.choices]
        self.fields["commune"].queryset = communes
        self.fields["commune"].empty_label = _("All communes")
        self.fields["state"].choices = [("", _("All units")), *COMPLIANCE_STATES]
        _style(self)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label
        self.fields["q"].widget.attrs["placeholder"] = _("Unit name or code")


class ReminderForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class FlagshipForm(forms.Form):
    congress = forms.CharField(label=_("Congress the plaque celebrates"), max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
