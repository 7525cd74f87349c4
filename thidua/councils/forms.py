"""Forms of the councils area. They validate input; the services enforce the rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.award_catalogue.models import AwardForm
from thidua.core.forms import style_form
from thidua.councils.models import (
    AgendaItem,
    Basis,
    Council,
    CouncilMember,
    MemberRole,
    RuleOrigin,
    Threshold,
)
from thidua.movements.forms import DATE_WIDGET
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination
from thidua.units.forms import UnitChoiceField
from thidua.units.models import Unit


class CouncilForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)

    class Meta:
        model = Council
        fields = [
            "unit",
            "name",
            "quorum_numerator",
            "quorum_denominator",
            "threshold_percent",
            "threshold_basis",
            "legal_source",
        ]
        widgets = {
            "quorum_numerator": forms.NumberInput(attrs={"min": "1", "inputmode": "numeric"}),
            "quorum_denominator": forms.NumberInput(attrs={"min": "1", "inputmode": "numeric"}),
            "threshold_percent": forms.NumberInput(
                attrs={"min": "1", "max": "100", "inputmode": "numeric"}
            ),
            "legal_source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = units
        if self.instance.pk:
            self.fields["unit"].disabled = True
        self.fields["name"].required = False
        self.fields["name"].help_text = _(
            "Left blank: «Hội đồng Thi đua - Khen thưởng» and the unit's name."
        )
        cast(forms.ChoiceField, self.fields["threshold_basis"]).choices = Basis.choices
        style_form(self)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        parts = [obj.display_name, obj.username]
        if obj.position:
            parts.append(obj.position)
        return " · ".join(parts)


class MemberForm(forms.ModelForm):
    user = UserChoiceField(label=_("Account"), queryset=None, empty_label="—")

    class Meta:
        model = CouncilMember
        fields = ["user", "full_name", "position", "role", "active"]

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UserChoiceField, self.fields["user"]).queryset = users
        if self.instance.pk:
            self.fields["user"].disabled = True
        self.fields["full_name"].required = False
        self.fields["full_name"].help_text = _("Left blank: the account's full name.")
        self.fields["position"].help_text = _(
            "Left blank: the account's position (e.g. Chủ tịch UBND huyện)."
        )
        cast(forms.ChoiceField, self.fields["role"]).choices = MemberRole.choices
        style_form(self)


class ThresholdForm(forms.ModelForm):
    award_form = forms.ModelChoiceField(
        label=_("Award form"), queryset=AwardForm.objects.all(), empty_label="—"
    )

    class Meta:
        model = Threshold
        fields = [
            "award_form",
            "percent",
            "basis",
            "origin",
            "legal_source",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "percent": forms.NumberInput(attrs={"min": "1", "max": "100", "inputmode": "numeric"}),
            "legal_source": forms.Textarea(attrs={"rows": 2}),
            "valid_from": forms.DateInput(attrs=DATE_WIDGET),
            "valid_to": forms.DateInput(attrs=DATE_WIDGET),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["award_form"].disabled = True
        cast(forms.ChoiceField, self.fields["basis"]).choices = Basis.choices
        cast(forms.ChoiceField, self.fields["origin"]).choices = RuleOrigin.choices
        self.fields["legal_source"].help_text = _(
            "The provision or the council's rules (quy chế) that set this threshold: document, "
            "article."
        )
        style_form(self)

    def validate_unique(self) -> None:
        """The service updates the row of a form that already has one."""


class NominationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        name = obj.candidate_name or str(obj.candidate)
        closes = obj.notice.closes_on if obj.notice_id and obj.notice else None
        until = (
            _("on notice until %(date)s") % {"date": closes.strftime("%d/%m/%Y")}
            if closes
            else _("not yet published")
        )
        return f"{name} · {obj.award_form} · {obj.proposing_unit} ({until})"


class SessionForm(forms.Form):
    movement: forms.ModelChoiceField[Movement] = forms.ModelChoiceField(
        label=_("Movement"), queryset=None, empty_label=None
    )
    held_on = forms.DateField(label=_("Meeting date"), widget=forms.DateInput(attrs=DATE_WIDGET))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    notes = forms.CharField(
        label=_("Notes for the minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        movements: QuerySet[Movement],
        fixed_movement: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["movement"]).queryset = movements
        if fixed_movement:
            self.fields["movement"].disabled = True
        style_form(self)


class AgendaForm(forms.Form):
    nominations = NominationChoiceField(
        label=_("Nominations to put on the agenda"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(NominationChoiceField, self.fields["nominations"]).queryset = candidates


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: CouncilMember) -> str:
        return f"{obj.full_name} · {obj.get_role_display()}"


class AttendanceForm(forms.Form):
    present = MemberChoiceField(
        label=_("Members present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, members: QuerySet[CouncilMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(MemberChoiceField, self.fields["present"]).queryset = members


YES, NO = "yes", "no"
CHOICES = [(YES, _("Agree")), (NO, _("Disagree"))]


class BallotForm(forms.Form):
    """One yes/no question per agenda item, all required."""

    def __init__(self, *args: Any, items: Iterable[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[self.field_name(item)] = forms.ChoiceField(
                label=item.nomination.candidate_name or str(item.nomination.candidate),
                choices=CHOICES,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={
                    "required": _("Choose agree or disagree for «%(name)s».")
                    % {"name": item.nomination.candidate_name or str(item.nomination.candidate)}
                },
            )

    @staticmethod
    def field_name(item: AgendaItem) -> str:
        return f"item_{item.pk:d}"

    def votes(self) -> dict[int, bool]:
        return {item.pk: self.cleaned_data[self.field_name(item)] == YES for item in self.items}

    def rows(self) -> list[tuple[AgendaItem, forms.BoundField]]:
        """(item, bound field) pairs for the template."""
        return [(item, self[self.field_name(item)]) for item in self.items]


class CloseForm(forms.Form):
    """Closing: with every member present having voted, nothing to fill in; before that, the
    reason the council closes all the same."""

    early_reason = forms.CharField(
        label=_("Why the session closes before every ballot is in"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, reason_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["early_reason"].required = reason_required
        self.fields["early_reason"].error_messages["required"] = _(
            "Give the reason for closing before every member present has voted."
        )
        style_form(self)
