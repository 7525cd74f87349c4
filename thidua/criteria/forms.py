"""Forms for facts, attestations, criteria and the ranking's filters. They parse input; the
services decide what is valid (``person_errors``, ``rating_errors``, ``fact_record_errors``,
``sets.criterion_errors``), so the form, the import and the services refuse the same things."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import GroupedIntegerField, style_form
from thidua.core.validators import refuse_future
from thidua.criteria.evaluation import (
    LAST_YEAR,
    OUTCOME_CHOICES,
    PARAMS,
    VIOLATION_KINDS,
    Param,
    default_params,
)
from thidua.criteria.models import (
    FIRST_YEAR,
    AttestationVerdict,
    CandidateType,
    Criterion,
    CriterionKind,
    Ethnicity,
    FactKind,
    Person,
    PersonKind,
    RatingLevel,
    RuleKey,
    Sex,
    TargetOutcome,
)
from thidua.criteria.selectors import RankingFilters, VerdictFilter
from thidua.interchange.forms import ImportForm
from thidua.movements.forms import DATE_WIDGET
from thidua.units.forms import UnitChoiceField
from thidua.units.models import Unit


class PersonForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Managing unit"), queryset=Unit.objects.none())

    class Meta:
        model = Person
        fields = [
            "unit",
            "full_name",
            "kind",
            "position",
            "sex",
            "date_of_birth",
            "birth_year",
            "ethnicity",
            "is_sample",
        ]
        widgets = {
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "date_of_birth": forms.DateInput(attrs=DATE_WIDGET),
        }

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "—"), *PersonKind.choices]
        cast(forms.ChoiceField, self.fields["sex"]).choices = [("", "—"), *Sex.choices]
        cast(forms.ChoiceField, self.fields["ethnicity"]).choices = [("", "—"), *Ethnicity.choices]
        self.fields["date_of_birth"].help_text = _("Optional; dd/mm/yyyy. Fills the year of birth.")
        refuse_future(self, "date_of_birth")
        style_form(self)

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
        style_form(self)


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
        style_form(self)


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
    amount = GroupedIntegerField(
        label=_("Amount in đồng (contributions only)"),
        required=False,
        min_value=0,
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
        style_form(self)


class PeopleImportForm(ImportForm):
    """The file, and the unit that rows with a blank «Unit» belong to."""

    unit = UnitChoiceField(
        label=pgettext_lazy("people import", "Unit for rows without one"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Rows whose «Unit» cell is blank are people of this unit."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units
        self.fields["unit"].widget.attrs["class"] = "form-select"


# --- attestations and criteria ------------------------------------------------------------


class AttestationForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Judgement"),
        choices=AttestationVerdict.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the criterion is met or not, in a few words."),
    )
    document_reference = forms.CharField(
        label=_("Document reference"),
        max_length=300,
        required=False,
        help_text=_("For example: Minutes No. 05/BB-UBND of 10/11/2025."),
    )
    evidence = forms.FileField(
        label=_("Evidence file (.pdf, .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


def _param_field(param: Param) -> forms.Field:
    label = param.label
    if param.type == "year":
        return forms.IntegerField(
            label=label,
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            required=param.required,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    if param.type == "count":
        return forms.IntegerField(label=label, min_value=param.minimum)
    if param.type == "level":
        return forms.ChoiceField(label=label, choices=RatingLevel.choices)
    if param.type == "outcome":
        choices = [(value, TargetOutcome(value).label) for value in OUTCOME_CHOICES]
        return forms.ChoiceField(label=label, choices=choices)
    if param.type == "bool":
        return forms.BooleanField(label=label, required=False)
    if param.type == "kinds":
        kinds = [(value, FactKind(value).label) for value in VIOLATION_KINDS]
        return forms.MultipleChoiceField(
            label=label, choices=kinds, widget=forms.CheckboxSelectMultiple
        )
    raise ValueError(param.type)


class CriterionForm(forms.Form):
    """The wording, how it is checked and, for a computed criterion, the parameters of its
    rule as plain fields (``param_<name>``). Without JavaScript a change of rule is shown on
    the next submit (``shown_rule`` tells which rule's parameters are on the page)."""

    code = forms.CharField(label=_("Code"), max_length=32)
    text = forms.CharField(label=_("Criterion"), widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(
        label=_("How it is checked"),
        choices=CriterionKind.choices,
        widget=forms.RadioSelect,
    )
    rule = forms.ChoiceField(
        label=_("Rule (computed criteria)"),
        choices=[("", "—"), *RuleKey.choices],
        required=False,
    )
    shown_rule = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, rule: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The rule whose parameters are on the page (the ``shown_rule`` field posts it back).
        self.params_rule = rule if rule in PARAMS else ""
        self.fields["shown_rule"].initial = self.params_rule
        for param in PARAMS.get(self.params_rule, ()):
            self.fields[f"param_{param.name}"] = _param_field(param)
        style_form(self)

    def param_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("param_")]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("kind") == CriterionKind.COMPUTED and not data.get("rule"):
            self.add_error("rule", gettext("Choose the rule that computes the criterion."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        params = {
            name.removeprefix("param_"): value
            for name, value in data.items()
            if name.startswith("param_")
        }
        return {
            "code": data["code"],
            "text": data["text"],
            "kind": data["kind"],
            "rule": data.get("rule") or "",
            "params": params,
        }


def criterion_initial(criterion: Criterion | None, rule: str) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    if criterion is not None:
        initial = {"code": criterion.code, "text": criterion.text, "kind": criterion.kind}
        initial["rule"] = criterion.rule
    params = default_params(rule)
    if criterion is not None and criterion.rule == rule:
        params.update(criterion.params or {})
    initial.update({f"param_{name}": value for name, value in params.items()})
    return initial


# --- ranking --------------------------------------------------------------------------------


class RankingFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Name of the unit or person")}),
    )
    candidate_type = forms.ChoiceField(label=_("Candidate type"), required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune or town"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All communes"),
    )
    verdict = forms.ChoiceField(label=_("Criteria"), required=False)

    def __init__(self, *args: Any, communes: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["candidate_type"]).choices = [
            ("", gettext("All candidate types")),
            *CandidateType.choices,
        ]
        cast(forms.ModelChoiceField, self.fields["commune"]).queryset = communes
        cast(forms.ChoiceField, self.fields["verdict"]).choices = [
            ("", gettext("Any result")),
            (VerdictFilter.ALL_MET, gettext("All criteria met")),
            (VerdictFilter.SOME_UNKNOWN, gettext("Some criteria not yet known")),
            (VerdictFilter.SOME_NOT_MET, gettext("Some criteria not met")),
        ]
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))
        style_form(self)

    def filters(self) -> RankingFilters:
        if not self.is_valid():
            return RankingFilters()
        data = self.cleaned_data
        return RankingFilters(
            candidate_type=data["candidate_type"],
            commune=data["commune"].pk if data["commune"] else None,
            verdict=data["verdict"],
            q=data["q"].strip(),
        )
