"""Forms of the works pages: registration, progress, filters, reminders, flagship works, the
Excel import and the interim and final reviews. They parse input; the services and
``reviews.review_errors`` decide what is acceptable."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import GroupedIntegerField, VndField, style_form
from thidua.core.validators import refuse_future
from thidua.interchange.forms import ImportForm
from thidua.movements.forms import DATE_WIDGET, choice_field, model_choice_field
from thidua.units.forms import UnitChoiceField, as_at_field
from thidua.units.models import Unit, UnitKind
from thidua.works.models import (
    FundingSource,
    ProgressStatus,
    RegistrationStatus,
    Review,
    ReviewKind,
    Schedule,
    Work,
    WorkKind,
    column,
)
from thidua.works.reviews import MAX_AMOUNT, MAX_COUNT, ReviewItemData, ReviewState
from thidua.works.services import WORK_FIELDS


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
        }
        field_classes = {"estimated_value": VndField}

    def __init__(self, *args, units: QuerySet[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "unit").queryset = units
        if self.instance.pk:
            self.fields["unit"].disabled = True
        choice_field(self, "kind").choices = WorkKind.choices
        choice_field(self, "funding_source").choices = [("", "—"), *FundingSource.choices]
        for name in ("volume", "site", "estimated_value", "funding_source", "expected_completion"):
            self.fields[name].required = False
            self.fields[name].widget.attrs["data-required-by-plan"] = "1"
        self.fields["volume"].widget.attrs["placeholder"] = _("e.g. 1.2 km of concrete road")
        style_form(self)


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
    value_done = VndField(label=_("Value realised (VND)"), required=False, min_value=0)
    note = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Added here rather than declared on the class, where a field named ``files`` would
        # stand (for the type checker) in the place of the form's uploaded ``files``.
        self.fields["files"] = MultipleFileField(
            label=_("Photos or documents"),
            required=False,
            help_text=_("Photos (.jpg, .png, .webp) or documents (.pdf, .docx); several at once."),
        )
        refuse_future(self, "actual_completion", "put_into_use")
        style_form(self)
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

    def __init__(self, *args, communes: QuerySet[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = [("", _("All kinds of work")), *WorkKind.choices]
        choice_field(self, "unit_kind").choices = [("", _("All unit kinds")), *UnitKind.choices]
        model_choice_field(self, "commune").queryset = communes
        model_choice_field(self, "commune").empty_label = _("All communes")
        choice_field(self, "status").choices = [
            ("", _("All statuses")),
            *RegistrationStatus.choices,
        ]
        choice_field(self, "progress").choices = [("", _("All progress")), *ProgressStatus.choices]
        choice_field(self, "schedule").choices = [
            ("", _("Any schedule")),
            *[(v, label) for v, label in Schedule.choices if v != Schedule.NONE],
        ]
        choice_field(self, "funding_source").choices = [
            ("", _("All funding sources")),
            *FundingSource.choices,
        ]
        style_form(self)
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
    ngay = as_at_field()

    def __init__(self, *args, communes: QuerySet[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "unit_kind").choices = [("", _("All unit kinds")), *UnitKind.choices]
        model_choice_field(self, "commune").queryset = communes
        model_choice_field(self, "commune").empty_label = _("All communes")
        choice_field(self, "state").choices = [("", _("All units")), *COMPLIANCE_STATES]
        style_form(self)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label
        self.fields["q"].widget.attrs["placeholder"] = _("Unit name or code")


class ReminderForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


class FlagshipForm(forms.Form):
    congress = forms.CharField(label=_("Congress the plaque celebrates"), max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


# --- Excel import ---------------------------------------------------------------------------


class WorkImportForm(ImportForm):
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Each row names its unit (consolidated sheet) —"),
        help_text=_(
            "Rows with a blank «Unit» cell are registered for this unit; rows naming a unit "
            "(by code or exact name) go to that unit."
        ),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, units: QuerySet[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "unit").queryset = units


# --- interim and final reviews --------------------------------------------------------------


def _review_label(name: str):
    return capfirst(column(Review, name).verbose_name)


class ReviewForm(forms.Form):
    """The review's figures and free text."""

    people_contribution = VndField(
        label=_review_label("people_contribution"),
        required=False,
        max_value=int(MAX_AMOUNT),
        help_text=_("Money, materials and labour valued in đồng, e.g. 1.250.000."),
    )
    people_workdays = GroupedIntegerField(
        label=_review_label("people_workdays"), required=False, max_value=MAX_COUNT
    )
    exemplary_models = GroupedIntegerField(
        label=_review_label("exemplary_models"), required=False, max_value=MAX_COUNT
    )
    results = forms.CharField(
        label=_review_label("results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required to submit the review."),
    )
    shortcomings = forms.CharField(
        label=_review_label("shortcomings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    proposals = forms.CharField(
        label=_review_label("proposals"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def review_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class ReviewItemForm(forms.Form):
    """One work's row; the prefix carries the work's id so rows never get mixed up."""

    progress_status = forms.ChoiceField(label=_("Progress"), choices=ProgressStatus.choices)
    percent = forms.IntegerField(
        label=_("Percent complete"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
    )
    value_done = VndField(
        label=_("Value realised (VND)"), required=False, max_value=int(MAX_AMOUNT)
    )
    result = forms.CharField(
        label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, work: Work, **kwargs) -> None:
        kwargs.setdefault("prefix", f"work-{work.pk}")
        super().__init__(*args, **kwargs)
        self.work = work
        named = {"work": work.name}
        self.fields["percent"].error_messages["invalid"] = (
            gettext("«%(work)s»: the percent complete must be a whole number.") % named
        )
        self.fields["value_done"].error_messages["invalid"] = (
            gettext("«%(work)s»: the value realised must be a number.") % named
        )
        self.fields["value_done"].error_messages["max_value"] = (
            gettext("«%(work)s»: the value realised is not a valid amount.") % named
        )
        self.fields["progress_status"].error_messages["invalid_choice"] = (
            gettext("«%(work)s»: choose the progress from the list.") % named
        )
        self.fields["progress_status"].error_messages["required"] = (
            gettext("«%(work)s»: choose the progress from the list.") % named
        )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def item_data(self) -> ReviewItemData:
        data = self.cleaned_data
        return ReviewItemData(
            work_id=self.work.pk,
            percent=data.get("percent"),
            progress_status=data.get("progress_status") or "",
            value_done=data.get("value_done"),
            result=data.get("result") or "",
        )

    @classmethod
    def initial_from(cls, item: ReviewItemData) -> dict:
        return {
            "progress_status": item.progress_status,
            "percent": item.percent,
            "value_done": item.value_done,
            "result": item.result,
        }


class ReviewFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of review"),
        required=False,
        choices=[("", _("Interim or final")), *ReviewKind.choices],
    )
    unit_kind = forms.ChoiceField(
        label=_("Unit kind"),
        required=False,
        choices=[("", _("All kinds")), *UnitKind.choices],
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All communes"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ReviewState.choices],
    )

    def __init__(self, *args, communes: QuerySet[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "commune").queryset = communes
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "placeholder": _("Unit name or code")}
        )
        for name in ("kind", "unit_kind", "commune", "status"):
            self.fields[name].widget.attrs["class"] = "form-select"
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label
        self.fields["q"].widget.attrs["aria-label"] = self.fields["q"].label
