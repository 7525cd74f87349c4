"""Forms of the decision, proposal and quota pages. They parse input; the services in
``decisions`` and ``quotas`` check authority, quota and state."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.award_catalogue.models import AwardForm
from thidua.awards.models import DecisionKind, DecisionStatus, SignerCapacity
from thidua.movements.forms import DATE_WIDGET
from thidua.units.models import Unit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


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

    def __init__(self, *args, units, fixed: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = units
        if fixed:
            self.fields["issuing_unit"].disabled = True
            self.fields["kind"].disabled = True
        _style(self)

    def set_candidates(self, candidates) -> None:
        self.fields["nominations"].choices = [
            (str(c.nomination.pk), c.nomination.candidate_name or str(c.nomination.pk))
            for c in candidates
        ]

    def chosen(self) -> set[str]:
        """The ids ticked (bound) or to tick by default (unbound)."""
        if self.is_bound:
            return set(self.data.getlist(self.add_prefix("nominations")))
        return {str(pk) for pk in self.initial.get("nominations", ())}


class DecisionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"), required=False, choices=[("", _("All documents"))]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status"))])
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All documents")), *DecisionKind.choices]
        self.fields["status"].choices = [("", _("Any status")), *DecisionStatus.choices]
        self.fields["q"].widget.attrs["placeholder"] = _("Number or summary")
        _style(self)


class QuotaForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit receiving the quota"), queryset=Unit.objects.none(), empty_label=None
    )
    award_form = forms.ModelChoiceField(
        label=_("Award form"), queryset=AwardForm.objects.all(), empty_label=None
    )
    allocated = forms.IntegerField(label=_("Places allocated"), min_value=0, max_value=100000)
    document_reference = forms.CharField(
        label=_("Province's document"),
        max_length=300,
        required=False,
        help_text=_("For example: Công văn số 123/UBND-NC ngày 05/09/2025 của UBND tỉnh."),
    )

    def __init__(self, *args, units, fixed: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["award_form"].queryset = AwardForm.objects.order_by("position", "name")
        if fixed:
            self.fields["unit"].disabled = True
            self.fields["award_form"].disabled = True
        _style(self)
