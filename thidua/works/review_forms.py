"""Forms of the review pages. They only parse input; ``reviews.review_errors`` decides what is
acceptable, so the messages name the field and the work the same way for every caller."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.units.models import Unit, UnitKind
from thidua.works.models import ProgressStatus, Review, ReviewKind, Work
from thidua.works.reviews import ReviewItemData, ReviewState

NUMBER_WIDGET = {"inputmode": "numeric", "autocomplete": "off"}


def _label(name: str):
    return capfirst(Review._meta.get_field(name).verbose_name)


class ReviewForm(forms.Form):
    """The review's figures and free text."""

    people_contribution = forms.DecimalField(
        label=_label("people_contribution"),
        required=False,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_WIDGET),
        help_text=gettext_lazy("Money, materials and labour valued in đồng, e.g. 1.250.000."),
    )
    people_workdays = forms.IntegerField(
        label=_label("people_workdays"),
        required=False,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_WIDGET),
    )
    exemplary_models = forms.IntegerField(
        label=_label("exemplary_models"),
        required=False,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_WIDGET),
    )
    results = forms.CharField(
        label=_label("results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Required to submit the review."),
    )
    shortcomings = forms.CharField(
        label=_label("shortcomings"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label=_label("proposals"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-control")
            message = _("«%(field)s» must be a number.") % {"field": field.label}
            field.error_messages["invalid"] = message
            if name == "people_contribution":
                field.error_messages["max_digits"] = _("«%(field)s» is too large.") % {
                    "field": field.label
                }

    def review_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class ReviewItemForm(forms.Form):
    """One work's row; the prefix carries the work's id so rows never get mixed up."""

    progress_status = forms.ChoiceField(
        label=gettext_lazy("Progress"), choices=ProgressStatus.choices
    )
    percent = forms.IntegerField(
        label=gettext_lazy("Percent complete"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
    )
    value_done = forms.DecimalField(
        label=gettext_lazy("Value realised (VND)"),
        required=False,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_WIDGET),
    )
    result = forms.CharField(
        label=gettext_lazy("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, work: Work, **kwargs) -> None:
        kwargs.setdefault("prefix", f"work-{work.pk}")
        super().__init__(*args, **kwargs)
        self.work = work
        named = {"work": work.name}
        self.fields["percent"].error_messages["invalid"] = (
            _("«%(work)s»: the percent complete must be a whole number.") % named
        )
        self.fields["value_done"].error_messages["invalid"] = (
            _("«%(work)s»: the value realised must be a number.") % named
        )
        self.fields["value_done"].error_messages["max_digits"] = (
            _("«%(work)s»: the value realised is not a valid amount.") % named
        )
        self.fields["progress_status"].error_messages["invalid_choice"] = (
            _("«%(work)s»: choose the progress from the list.") % named
        )
        self.fields["progress_status"].error_messages["required"] = (
            _("«%(work)s»: choose the progress from the list.") % named
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
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of review"),
        required=False,
        choices=[("", gettext_lazy("Interim or final")), *ReviewKind.choices],
    )
    unit_kind = forms.ChoiceField(
        label=gettext_lazy("Unit kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *UnitKind.choices],
    )
    commune = forms.ModelChoiceField(
        label=gettext_lazy("Commune"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("All communes"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *ReviewState.choices],
    )

    def __init__(self, *args, communes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "placeholder": gettext_lazy("Unit name or code")}
        )
        for name in ("kind", "unit_kind", "commune", "status"):
            self.fields[name].widget.attrs["class"] = "form-select"
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label
        self.fields["q"].widget.attrs["aria-label"] = self.fields["q"].label
