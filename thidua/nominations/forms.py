"""Forms of the nominations area: the dossier and its steps, the list filters, the public
notice and its comments. They validate input; the services enforce the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.award_catalogue.models import AwardForm
from thidua.core.forms import style_form
from thidua.units.forms import UnitChoiceField
from thidua.units.models import Unit

from . import services
from .models import Nomination, NominationStatus

DOCUMENT_ACCEPT = ".docx,.pdf"
EVIDENCE_ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,.docx"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# --- dossier ----------------------------------------------------------------------------


class PickerForm(forms.Form):
    """Choose the proposing unit and search its units and people (GET)."""

    proposing = UnitChoiceField(
        label=_("Proposing unit"), queryset=Unit.objects.none(), empty_label=None
    )
    q = forms.CharField(label=_("Search a unit or a person"), required=False, max_length=100)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["proposing"]).queryset = units
        self.fields["q"].widget.attrs["placeholder"] = _("Name, position or unit")
        style_form(self)


class DossierForm(forms.Form):
    award_form = forms.ModelChoiceField(
        label=_("Award form"), queryset=AwardForm.objects.none(), empty_label="—"
    )
    achievement = forms.CharField(
        label=_("Achievement report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Pre-filled from the recorded facts: check and complete it. Its first paragraph is "
            "shown on the public notice."
        ),
    )
    achievement_file = forms.FileField(
        label=_("…or the signed report as a file (.docx or .pdf)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )
    remove_achievement_file = forms.BooleanField(
        label=_("Remove the uploaded report file"), required=False
    )
    review_minutes = forms.FileField(
        label=_("Minutes of the unit's review (.docx or .pdf)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("Required before sending: the minutes of the meeting that proposed it."),
    )
    # The form metaclass moves declared fields to base_fields: this does not replace
    # BaseForm.files (the uploaded files) on the instance.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Evidence files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        help_text=_(
            "Decisions, proof of initiatives, photos of works: .pdf, .docx, .jpg, .png or "
            ".webp; several at once."
        ),
    )

    def __init__(self, *args: Any, award_forms: QuerySet[AwardForm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["award_form"]).queryset = award_forms
        style_form(self)

    def clean_achievement_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("achievement_file")
        if upload:
            try:
                services.check_document(upload, "achievement_file")
            except ValidationError as error:
                raise ValidationError(error.message_dict["achievement_file"]) from error
        return upload

    def clean_review_minutes(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("review_minutes")
        if upload:
            try:
                services.check_document(upload, "review_minutes")
            except ValidationError as error:
                raise ValidationError(error.message_dict["review_minutes"]) from error
        return upload

    def clean_files(self) -> list[UploadedFile]:
        uploads = self.cleaned_data.get("files") or []
        try:
            services.check_evidence(uploads)
        except ValidationError as error:
            raise ValidationError(error.message_dict["files"]) from error
        return uploads

    def data_for_service(self) -> services.DossierData:
        data = self.cleaned_data
        return services.DossierData(
            award_form=data["award_form"],
            achievement=data.get("achievement") or "",
            achievement_file=data.get("achievement_file"),
            remove_achievement_file=bool(data.get("remove_achievement_file")),
            review_minutes=data.get("review_minutes"),
            files=data.get("files") or [],
        )


class EvidenceForm(forms.Form):
    files = MultipleFileField(  # type: ignore[assignment]  # a field, not BaseForm.files (above)
        label=_("Evidence files"),
        widget=MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)

    clean_files = DossierForm.clean_files


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The unit sees it at the top of its dossier: say what to correct."),
        error_messages={"required": _("Reason: say what the unit must correct.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)


class WithdrawForm(NoteForm):
    confirm = forms.BooleanField(
        label=_("I confirm that the unit withdraws this dossier."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


RECIPIENT_FILTER = (
    ("", _("Collectives and individuals")),
    ("collective", _("Collectives")),
    ("individual", _("Individuals")),
)


class NominationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *NominationStatus.choices],
    )
    award_form = forms.ModelChoiceField(
        label=_("Award form"),
        required=False,
        queryset=AwardForm.objects.all(),
        empty_label=_("All award forms"),
    )
    recipient = forms.ChoiceField(label=_("Candidate"), required=False, choices=RECIPIENT_FILTER)
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All communes"),
    )

    def __init__(self, *args: Any, communes: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["commune"]).queryset = communes
        self.fields["q"].widget.attrs["placeholder"] = _("Candidate or unit")
        style_form(self)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label


# --- public notice ----------------------------------------------------------------------


class NominationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        return f"{obj.candidate_name} — {obj.award_form.name}"


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown above the list: what is published, and how to send a comment."),
    )
    working_days = forms.IntegerField(
        label=_("Working days open"),
        min_value=1,
        max_value=services.MAX_WORKING_DAYS,
        initial=10,
        help_text=_(
            "Counted from the day after publication; Saturdays, Sundays and public "
            "holidays are not counted."
        ),
    )
    nominations = NominationChoiceField(
        label=_("Checked dossiers listed"),
        required=False,
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, nominations: QuerySet[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(NominationChoiceField, self.fields["nominations"]).queryset = nominations
        style_form(self)


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        return f"{obj.candidate_name} — {obj.award_form.name}"


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label=_("Your name"),
        max_length=services.NAME_MAX_CHARS,
        help_text=_("Shown with the office's answer."),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail (optional)"),
        required=False,
        max_length=200,
        help_text=_("Not published; the office uses it to answer you."),
    )
    nomination = CandidateChoiceField(
        label=_("About the candidate (optional)"),
        required=False,
        queryset=Nomination.objects.none(),
        empty_label=_("The whole list"),
    )
    is_objection = forms.BooleanField(
        label=_("This is an objection to the candidate's nomination"), required=False
    )
    body = forms.CharField(
        label=pgettext_lazy("public notice", "Your comment"),
        min_length=10,
        max_length=services.COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Left empty by people (it is hidden from them); robots that fill every field give
    # themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, candidates: QuerySet[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(CandidateChoiceField, self.fields["nomination"]).queryset = candidates
        style_form(self)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=services.COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published under the comment; the sender's contact never is."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_form(self)
