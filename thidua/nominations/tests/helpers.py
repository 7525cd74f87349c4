"""Shared set-up for the nomination tests: award forms, people, real .docx/.pdf uploads and
dossiers at each step of the workflow."""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from thidua.award_catalogue.models import AwardForm, AwardKind, Recipient
from thidua.criteria.models import Person, PersonKind
from thidua.nominations import services
from thidua.nominations.models import Nomination
from thidua.testing import files as testing_files

FORMS = {
    "giay_khen": ("Giấy khen của Chủ tịch Ủy ban nhân dân huyện", Recipient.BOTH, 10),
    "tap_the": ("Tập thể lao động tiên tiến", Recipient.COLLECTIVE, 20),
    "lao_dong": ("Lao động tiên tiến", Recipient.INDIVIDUAL, 30),
    "gia_dinh": ("Gia đình văn hóa", Recipient.HOUSEHOLD, 40),
}


def award_forms() -> dict[str, AwardForm]:
    result = {}
    for code, (name, recipient, position) in FORMS.items():
        result[code], _ = AwardForm.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": AwardKind.COMMENDATION,
                "recipient": recipient,
                "position": position,
            },
        )
    return result


def person(unit, name="Nguyễn Văn An", kind=PersonKind.CADRE, **fields) -> Person:
    return Person.objects.create(unit=unit, full_name=name, kind=kind, **fields)


def docx_bytes(text: str = "Biên bản họp xét thi đua") -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_upload(name: str = "bien-ban.docx", text: str = "Biên bản họp xét") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(text))


PDF = testing_files.PDF  # a real PDF: uploads are checked by content


def pdf_upload(name: str = "minh-chung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def fake_docx(name: str = "gia-mao.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"not really a word document")


def make(
    world,
    movement,
    *,
    actor=None,
    proposing=None,
    unit=None,
    person_=None,
    form=None,
    achievement="Tóm tắt thành tích: hoàn thành xuất sắc nhiệm vụ.",
    minutes: bool = True,
) -> Nomination:
    """A draft dossier through the service (the commune's officer proposing by default)."""
    forms = award_forms()
    if unit is None and person_ is None:
        unit = world.commune_a
    return services.nomination_create(
        actor=actor or world.officer_a,
        movement=movement,
        proposing_unit=proposing or world.commune_a,
        candidate_unit=unit,
        candidate_person=person_,
        data=services.DossierData(
            award_form=form or forms["giay_khen"],
            achievement=achievement,
            review_minutes=docx_upload() if minutes else None,
        ),
    )


def submitted(world, movement, **kwargs) -> Nomination:
    nomination = make(world, movement, **kwargs)
    services.nomination_submit(actor=kwargs.get("actor") or world.officer_a, nomination=nomination)
    return nomination


def checked(world, movement, **kwargs) -> Nomination:
    nomination = submitted(world, movement, **kwargs)
    services.nomination_accept(actor=world.home_affairs, nomination=nomination)
    return nomination
