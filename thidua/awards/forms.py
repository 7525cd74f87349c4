"""Forms of the awards pages: decisions, proposals and quotas; the award register (filters,
recording an earlier award, revocation) and the public verification look-up. Forms parse
input; the services check authority, quota, state and who may act."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.award_catalogue.models import AwardForm, DecidingOffice
from thidua.awards.models import DecisionKind, DecisionStatus, SignerCapacity
from thidua.awards.selectors.candidates import Candidate
from thidua.awards.selectors.register import RecipientKind, RegisterFilters, RevokedFilter
from thidua.core.forms import GroupedIntegerField, style_form
from thidua.criteria.models import Person
from thidua.movements.forms import DATE_WIDGET
from thidua.movements.models import Movement
from thidua.units.forms import UnitChoiceField
from thidua.units.models import Unit
from thidua.units.selectors import unit_display_name

# --- decisions, proposals and quotas ----------------------------------------------------


class DecisionDraftForm(forms.Form):
    """A draft decision or proposal. Which nominations may be chosen depends on the issuing
    unit, the kind and the date: the view lists them (``set_candidates``) and the form only
    accepts ids from that list."""

    issuing_unit = UnitChoiceField(
        label=_("Issuing People's Committee"), queryset=Unit.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Document"), choices=DecisionKind.choices, widget=forms.RadioSelect
    )
    signed_on = forms.DateField(
        label=_("Date of the document"),
        widget=forms.DateInput(attrs=DATE_WIDGET),
        help_text=_("Authority and award money are those in force on this date."),
    )
    summary = forms.CharField(
        label=_("Summary (Về việc …)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer_name = forms.CharField(label=_("Signer"), max_length=200)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, initial="Chủ tịch")
    signer_capacity = forms.ChoiceField(
        label=_("Signs"), choices=SignerCapacity.choices, initial=SignerCapacity.ON_BEHALF
    )
    distribution_list = forms.CharField(
        label=_("Distribution list (Nơi nhận)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One recipient per line; “- Lưu: VT.” is added when missing."),
    )
    nominations = forms.MultipleChoiceField(
        label=_("Candidates"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], fixed: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["issuing_unit"]).queryset = units
        if fixed:
            self.fields["issuing_unit"].disabled = True
            self.fields["kind"].disabled = True
        style_form(self)

    def set_candidates(self, candidates: Iterable[Candidate]) -> None:
        cast(forms.MultipleChoiceField, self.fields["nominations"]).choices = [
            (str(c.nomination.pk), c.nomination.candidate_name or str(c.nomination.pk))
            for c in candidates
        ]

    def chosen(self) -> set[str]:
        """The ids ticked (bound) or to tick by default (unbound)."""
        if self.is_bound:
            # Bound forms get the request's QueryDict.
            data = cast(QueryDict, self.data)
            return set(data.getlist(self.add_prefix("nominations")))
        return {str(pk) for pk in self.initial.get("nominations", ())}


class DecisionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"), required=False, choices=[("", _("All documents"))]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status"))])
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [("", _("All documents")), *DecisionKind.choices]
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [("", _("Any status")), *DecisionStatus.choices]
        self.fields["q"].widget.attrs["placeholder"] = _("Number or summary")
        style_form(self)


class QuotaForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit receiving the quota"), queryset=Unit.objects.none(), empty_label=None
    )
    award_form = forms.ModelChoiceField(
        label=_("Award form"), queryset=AwardForm.objects.all(), empty_label=None
    )
    allocated = GroupedIntegerField(label=_("Places allocated"), min_value=0, max_value=100000)
    document_reference = forms.CharField(
        label=_("Province's document"),
        max_length=300,
        required=False,
        help_text=_("For example: Công văn số 123/UBND-NC ngày 05/09/2025 của UBND tỉnh."),
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], fixed: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units
        award_form = cast(forms.ModelChoiceField, self.fields["award_form"])
        award_form.queryset = AwardForm.objects.order_by("position", "name")
        if fixed:
            self.fields["unit"].disabled = True
            self.fields["award_form"].disabled = True
        style_form(self)


# --- the award register and verification ----------------------------------------------


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} – {unit_display_name(obj.unit)}"


RECIPIENT_CHOICES = (
    (RecipientKind.COLLECTIVE, _("Collective")),
    (RecipientKind.INDIVIDUAL, _("Individual")),
)


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    award_form = forms.ModelChoiceField(
        label=_("Award form"), required=False, queryset=AwardForm.objects.all()
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    movement = forms.ModelChoiceField(
        label=_("Movement"), required=False, queryset=Movement.objects.none()
    )
    recipient = forms.ChoiceField(label=_("Collective or individual"), required=False)
    revoked = forms.ChoiceField(label=_("Validity"), required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Unit.objects.none()
    )

    def __init__(
        self,
        *args: Any,
        years: Iterable[int],
        movements: QuerySet[Movement],
        communes: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["award_form"]).empty_label = _("All award forms")
        year = cast(forms.TypedChoiceField, self.fields["year"])
        year.choices = [("", _("All years")), *((y, str(y)) for y in years)]
        movement = cast(forms.ModelChoiceField, self.fields["movement"])
        movement.queryset = movements
        movement.empty_label = _("All movements")
        recipient = cast(forms.ChoiceField, self.fields["recipient"])
        recipient.choices = [
            ("", _("Collectives and individuals")),
            *RECIPIENT_CHOICES,
        ]
        revoked = cast(forms.ChoiceField, self.fields["revoked"])
        revoked.choices = [
            ("", _("Valid and revoked")),
            (RevokedFilter.VALID, _("Valid only")),
            (RevokedFilter.REVOKED, _("Revoked only")),
        ]
        commune = cast(forms.ModelChoiceField, self.fields["commune"])
        commune.queryset = communes
        commune.empty_label = _("All communes")
        style_form(self)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label
        self.fields["q"].widget.attrs["placeholder"] = _("Name or decision number")

    def filters(self) -> RegisterFilters:
        if not self.is_valid():
            return RegisterFilters()
        data = self.cleaned_data
        return RegisterFilters(
            award_form=data["award_form"].pk if data["award_form"] else None,
            year=data["year"],
            movement=data["movement"].pk if data["movement"] else None,
            recipient=data["recipient"],
            revoked=data["revoked"],
            commune=data["commune"].pk if data["commune"] else None,
            q=data["q"].strip(),
        )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "For example: false declaration in the dossier, or a violation found later within "
            "the achievement period (Chapter VII of the Law on Emulation and Commendation)."
        ),
    )
    revocation_decision = forms.CharField(
        label=_("Revoking decision"),
        max_length=300,
        help_text=_("Number and date of the decision that revokes the award."),
    )
    revoked_on = forms.DateField(
        label=_("Revoked on"), widget=forms.DateInput(attrs=DATE_WIDGET, format="%d/%m/%Y")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"revoked_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        style_form(self)
        self.fields["revocation_decision"].widget.attrs["placeholder"] = _(
            "e.g. Decision No. 45/QĐ-UBND of 10/03/2026"
        )


class RecordAwardForm(forms.Form):
    award_form = forms.ModelChoiceField(label=_("Award form"), queryset=AwardForm.objects.all())
    recipient_kind = forms.ChoiceField(
        label=_("Recipient"), choices=RECIPIENT_CHOICES, widget=forms.RadioSelect
    )
    unit = UnitChoiceField(label=_("Collective"), required=False, queryset=Unit.objects.none())
    person = PersonChoiceField(
        label=_("Individual"), required=False, queryset=Person.objects.none()
    )
    recipient_detail = forms.CharField(
        label=_("Position and unit as written on the decision"),
        required=False,
        max_length=500,
        help_text=_("Left blank: the person's position and unit, or the collective's parent."),
    )
    deciding_office = forms.ChoiceField(label=_("Deciding office"), choices=DecidingOffice.choices)
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=64,
        help_text=_("As written on the decision, e.g. 125/QĐ-UBND."),
    )
    decided_on = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs=DATE_WIDGET, format="%d/%m/%Y")
    )
    movement = forms.ModelChoiceField(
        label=_("Movement"),
        required=False,
        queryset=Movement.objects.none(),
        help_text=_("Leave blank for an award outside any movement of this system."),
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        people: QuerySet[Person],
        movements: QuerySet[Movement],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit = cast(UnitChoiceField, self.fields["unit"])
        person = cast(PersonChoiceField, self.fields["person"])
        movement = cast(forms.ModelChoiceField, self.fields["movement"])
        unit.queryset = units
        person.queryset = people
        movement.queryset = movements
        unit.empty_label = _("— Choose a collective —")
        person.empty_label = _("— Choose an individual —")
        movement.empty_label = _("— No movement —")
        style_form(self)
        self.fields["recipient_kind"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, set by then.
        data = cast(dict[str, Any], super().clean())
        kind = data.get("recipient_kind")
        if kind == RecipientKind.COLLECTIVE:
            data["person"] = None
            if not data.get("unit"):
                self.add_error("unit", _("Collective: choose the unit awarded."))
        elif kind == RecipientKind.INDIVIDUAL:
            data["unit"] = None
            if not data.get("person"):
                self.add_error("person", _("Individual: choose the person awarded."))
        return data


class VerifyLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        help_text=_("The code printed under the QR code of the certificate, e.g. 1A2B-3C4D-5E6F."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )
