"""Input of the reorganisation steps: the kind, the units (one form per kind), the legal basis,
the confirmation and the role grants to move."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment
from thidua.core.forms import style_form
from thidua.reorganisations.models import ReorganisationKind, ReorganisationStatus
from thidua.reorganisations.roles import GrantAction
from thidua.units.forms import UnitChoiceField, unit_label
from thidua.units.models import Unit, UnitKind

SPLIT_ROWS = 3


class UnitsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units at once, labelled like ``UnitChoiceField``."""

    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


def _units_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of reorganisation"),
        choices=ReorganisationKind.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


class UnitsForm(forms.Form):
    """Base of the per-kind forms: ``units`` is the queryset the pickers offer."""

    unit_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.unit_fields:
            _units_field(self, name).queryset = units
        style_form(self)

    def sources(self) -> list[Unit]:
        raise NotImplementedError

    def targets(self) -> list[dict[str, Any]]:
        raise NotImplementedError


class MergeForm(UnitsForm):
    unit_fields = ("sources_", "target", "new_parent")
    sources_ = UnitsMultipleChoiceField(
        label=_("Units merged"), queryset=Unit.objects.none(), help_text=_("Choose two or more.")
    )
    target = UnitChoiceField(
        label=_("Into an existing unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty to create a new unit with the data below."),
    )
    new_kind = forms.ChoiceField(
        label=_("Kind of the new unit"),
        choices=UnitKind.choices,
        initial=UnitKind.COMMUNE,
        required=False,
    )
    new_code = forms.CharField(label=_("Code of the new unit"), max_length=32, required=False)
    new_name = forms.CharField(
        label=_("Short name of the new unit"), max_length=200, required=False
    )
    new_full_name = forms.CharField(
        label=_("Full name of the new unit"), max_length=300, required=False
    )
    new_parent = UnitChoiceField(
        label=_("Parent of the new unit"), queryset=Unit.objects.none(), required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("target") is None:
            for name in ("new_kind", "new_code", "new_name", "new_parent"):
                if not data.get(name):
                    self.add_error(name, _("Required when no existing unit is chosen."))
        return data

    def sources(self) -> list[Unit]:
        return list(self.cleaned_data["sources_"])

    def targets(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        if data.get("target") is not None:
            return [{"unit": data["target"], "is_new": False}]
        return [
            {
                "is_new": True,
                "kind": data["new_kind"],
                "code": data["new_code"],
                "name": data["new_name"],
                "full_name": data["new_full_name"] or data["new_name"],
                "parent": data["new_parent"],
            }
        ]


class SplitForm(UnitsForm):
    unit_fields = ("source",)
    source = UnitChoiceField(label=_("Unit split"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for i in range(1, SPLIT_ROWS + 1):
            self.base_fields[f"code_{i}"] = forms.CharField(
                label=_("New unit %(n)s: code") % {"n": i}, max_length=32, required=False
            )
            self.base_fields[f"name_{i}"] = forms.CharField(
                label=_("New unit %(n)s: short name") % {"n": i}, max_length=200, required=False
            )
            self.base_fields[f"full_name_{i}"] = forms.CharField(
                label=_("New unit %(n)s: full name") % {"n": i}, max_length=300, required=False
            )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        filled = 0
        for i in range(1, SPLIT_ROWS + 1):
            code, name = data.get(f"code_{i}"), data.get(f"name_{i}")
            if code or name:
                filled += 1
                if not code:
                    self.add_error(f"code_{i}", _("Required."))
                if not name:
                    self.add_error(f"name_{i}", _("Required."))
        if filled < 2:
            self.add_error(None, _("A split needs at least two new units."))
        return data

    def sources(self) -> list[Unit]:
        return [self.cleaned_data["source"]]

    def targets(self) -> list[dict[str, Any]]:
        source: Unit = self.cleaned_data["source"]
        rows = []
        for i in range(1, SPLIT_ROWS + 1):
            if self.cleaned_data.get(f"code_{i}"):
                name = self.cleaned_data[f"name_{i}"]
                rows.append(
                    {
                        "is_new": True,
                        "kind": source.kind,
                        "code": self.cleaned_data[f"code_{i}"],
                        "name": name,
                        "full_name": self.cleaned_data[f"full_name_{i}"] or name,
                        "parent": source.parent,
                    }
                )
        return rows


class RenameForm(UnitsForm):
    unit_fields = ("source",)
    source = UnitChoiceField(label=_("Unit renamed"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("New short name"), max_length=200)
    full_name = forms.CharField(label=_("New full name"), max_length=300, required=False)

    def sources(self) -> list[Unit]:
        return [self.cleaned_data["source"]]

    def targets(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [{"name": data["name"], "full_name": data["full_name"] or data["name"]}]


class TransferForm(UnitsForm):
    unit_fields = ("sources_", "parent")
    sources_ = UnitsMultipleChoiceField(label=_("Units transferred"), queryset=Unit.objects.none())
    parent = UnitChoiceField(label=_("New parent unit"), queryset=Unit.objects.none())

    def sources(self) -> list[Unit]:
        return list(self.cleaned_data["sources_"])

    def targets(self) -> list[dict[str, Any]]:
        return [{"unit": self.cleaned_data["parent"]}]


UNITS_FORMS: dict[str, type[UnitsForm]] = {
    ReorganisationKind.MERGE: MergeForm,
    ReorganisationKind.SPLIT: SplitForm,
    ReorganisationKind.RENAME: RenameForm,
    ReorganisationKind.TRANSFER: TransferForm,
}


class BasisForm(forms.Form):
    document_number = forms.CharField(label=_("Document number (legal basis)"), max_length=64)
    document_date = forms.DateField(
        label=_("Document date"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    effective_date = forms.DateField(
        label=_("Effective date"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )

    def __init__(
        self,
        *args: Any,
        children: Sequence[Unit] = (),
        targets: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for child in children:
            self.fields[f"child_{child.pk}"] = forms.TypedChoiceField(
                label=_("%(child)s goes to") % {"child": child.name},
                choices=list(targets),
                coerce=int,
                # Not chosen: the child goes with the unit's own work, to the first new unit.
                required=False,
                empty_value=None,
                initial=targets[0][0] if targets else None,
            )
        style_form(self)

    def split_children(self) -> dict[int, int] | None:
        chosen = {
            int(name.removeprefix("child_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("child_") and value is not None
        }
        return chosen or None


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I have read what will happen and confirm it."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


class GrantChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: RoleAssignment) -> str:
        return f"{obj.user.display_name} ({obj.user.username}) · {obj.get_role_display()} · {obj.unit.name}"


class GrantsForm(forms.Form):
    grants = GrantChoiceField(
        label=_("Grants"),
        queryset=RoleAssignment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    select_all = forms.BooleanField(label=_("All the grants listed"), required=False)
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=GrantAction.choices,
        widget=forms.RadioSelect,
        initial=GrantAction.MOVE,
    )
    target = UnitChoiceField(
        label=_("Successor unit"), queryset=Unit.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        grants: QuerySet[RoleAssignment],
        successors: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(GrantChoiceField, self.fields["grants"]).queryset = grants
        target = _units_field(self, "target")
        target.queryset = successors
        if successors.count() == 1:
            self.fields["target"].initial = successors.first()
        style_form(self)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("select_all"):
            data["grants"] = list(
                cast(QuerySet, cast(GrantChoiceField, self.fields["grants"]).queryset)
            )
        if not data.get("grants"):
            self.add_error("grants", _("Tick at least one grant (or all)."))
        return data


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ReorganisationKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ReorganisationStatus.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label
