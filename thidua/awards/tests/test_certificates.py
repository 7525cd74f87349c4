"""Certificates: the PDF's content, fonts and QR code; refusal for a revoked award; the
download views and who may use them."""

import unicodedata
from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image, ImageChops
from pypdf import PdfReader

from thidua.accounts.models import User
from thidua.award_catalogue.models import DecidingOffice
from thidua.awards.documents import certificates
from thidua.awards.documents.certificates import certificate_pdf, certificate_text, qr_payload
from thidua.awards.models import SignerCapacity
from thidua.awards.selectors.register import short_code
from thidua.core.errors import ApplicationError
from thidua.testing import launched_movement
from thidua.testing.awards import AwardFactory, DecisionFactory, award_form, person

pytestmark = pytest.mark.django_db

URL = "https://thidua.example.vn/xac-minh/0b7c2c1e-1f6a-4d7e-9d39-2d0f4c1a5e77/"


@pytest.fixture
def decision(world):
    movement = launched_movement(
        world, title="Phong trào thi đua đặc biệt chào mừng Đại hội Đảng bộ các cấp"
    )
    return DecisionFactory(
        movement=movement,
        created_by=world.chairman,
        number_label="125/QĐ-UBND",
        signed_on=date(2025, 5, 20),
        signer_name="Nguyễn Văn Chủ",
    )


@pytest.fixture
def award(world, decision):
    hoa = person(world.village_a1, "Nguyễn Thị Hoa", position="Trưởng thôn")
    return AwardFactory(
        decision=decision, person=hoa, recipient_detail="Trưởng thôn A1, Xã A", unit=None
    )


def _reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def _text(data: bytes) -> str:
    return unicodedata.normalize("NFC", _reader(data).pages[0].extract_text())


def test_the_pdf_is_one_landscape_a4_page_with_the_award_as_text(award):
    data = certificate_pdf(award, URL)
    reader = _reader(data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        297,
        210,
    )
    text = _text(data)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MẪU",
        "TẶNG GIẤY KHEN",
        "Nguyễn Thị Hoa",
        "Trưởng thôn A1, Xã A",
        "trong Phong trào thi đua đặc biệt chào mừng",
        "Quyết định số 125/QĐ-UBND ngày 20/05/2025",
        "Mẫu, ngày 20 tháng 5 năm 2025",
        "Nguyễn Văn Chủ",
        short_code(award),
    ):
        assert expected in text, expected
    assert "phát động phong trào" not in text.lower()


def test_liberation_serif_is_embedded(award):
    page = _reader(certificate_pdf(award, URL)).pages[0]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    names = {str(font["/BaseFont"]) for font in fonts}
    assert names and all("LiberationSerif" in name for name in names)
    # Embedded TrueType (a subset), not a reference to a font the reader may lack.
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_decomposed_input_is_written_in_nfc(world, decision):
    nfd = unicodedata.normalize("NFD", "Lường Văn Thắng")
    award = AwardFactory(decision=decision, unit=world.village_a1, recipient_name=nfd)
    assert "Lường Văn Thắng" in _text(certificate_pdf(award, URL))


def test_the_qr_image_is_the_segno_code_of_the_verification_url(award):
    page = _reader(certificate_pdf(award, URL)).pages[0]
    (embedded,) = page.images
    expected = Image.open(BytesIO(certificates.qr_png(URL))).convert("L")
    actual = embedded.image.convert("L")
    assert actual.size == expected.size
    assert ImageChops.difference(actual, expected).getbbox() is None
    # And the code really encodes that URL: segno builds the same matrix from it.
    assert certificates.qr_code(URL).matrix == certificates.qr_code(URL).matrix
    assert certificates.qr_code(URL).matrix != certificates.qr_code(URL + "x").matrix


def test_qr_payload_is_the_absolute_public_url(award, settings):
    settings.ALLOWED_HOSTS = ["thidua.example.vn"]
    request = RequestFactory().get("/", HTTP_HOST="thidua.example.vn", secure=True)
    path = reverse("verify:award", kwargs={"token": award.token})
    assert path == f"/xac-minh/{award.token}/"
    assert qr_payload(award, request) == f"https://thidua.example.vn{path}"
    settings.PUBLIC_BASE_URL = "https://khenthuong.tramtau.gov.vn/"
    assert qr_payload(award, request) == f"https://khenthuong.tramtau.gov.vn{path}"


def test_a_revoked_award_gets_no_certificate(award):
    award.revoked_on = date(2025, 9, 1)
    award.save()
    with pytest.raises(ApplicationError, match="01/09/2025"):
        certificate_pdf(award, URL)


def test_texts_for_a_title_a_deputy_and_a_paper_award(world, decision):
    decision.signer_capacity = SignerCapacity.DEPUTY
    decision.signer_title = "Phó Chủ tịch"
    decision.save()
    title = AwardFactory(
        decision=decision,
        award_form=award_form("lao_dong_tien_tien"),
        person=person(world.commune_a, "Hà Văn Tú"),
    )
    text = certificate_text(title, URL)
    assert (text.heading, text.title) == ("CÔNG NHẬN DANH HIỆU", "LAO ĐỘNG TIÊN TIẾN")
    assert text.signature == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]

    paper = AwardFactory(
        unit=world.village_a2,
        award_form=award_form("giay_khen_xa"),
        deciding_office=DecidingOffice.COMMUNE_CHAIRMAN,
        decision_number="07/QĐ-UBND",
        decided_on=date(2023, 1, 5),
    )
    text = certificate_text(paper, URL)
    assert text.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ A"
    assert text.place_date == "A, ngày 05 tháng 01 năm 2023"
    assert text.signer == ""
    assert text.achievement == "Đã có thành tích xuất sắc."


def test_committee_name_keeps_a_full_committee_name(world):
    world.district.full_name = "Ủy ban nhân dân huyện Trạm Tấu"
    assert certificates.committee_name(world.district) == "ỦY BAN NHÂN DÂN HUYỆN TRẠM TẤU"


def test_missing_fonts_fail_with_a_clear_message(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(certificates, "FONT_DIRS", (tmp_path,))
    settings.CERTIFICATE_FONT_DIR = ""
    with pytest.raises(ImproperlyConfigured, match="fonts-liberation2"):
        certificates.font_paths()


def test_fonts_can_come_from_a_configured_folder(settings, tmp_path):
    source = certificates.font_paths()
    for path in source.values():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    settings.CERTIFICATE_FONT_DIR = str(tmp_path)
    assert certificates.font_paths()[""].parent == tmp_path


# --- views ------------------------------------------------------------------------------


def test_download_for_someone_who_may_see_the_award(client, world, award):
    client.force_login(world.officer_a)
    response = client.get(reverse("awards:certificate", args=[award.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert f"http://testserver/xac-minh/{award.token}/" == certificates.qr_payload(
        award, response.wsgi_request
    )
    assert "Nguyễn Thị Hoa" in _text(response.content)


@pytest.mark.parametrize("username", ["canbo_b", "khongquyen"])
def test_download_is_404_for_others(client, world, award, username):
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("awards:certificate", args=[award.pk])).status_code == 404


def test_download_needs_a_login(client, award):
    response = client.get(reverse("awards:certificate", args=[award.pk]))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_download_of_a_revoked_award_is_refused_with_a_message(client, world, award):
    award.revoked_on = date(2025, 9, 1)
    award.save()
    client.force_login(world.home_affairs)
    response = client.get(reverse("awards:certificate", args=[award.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("awards:award", args=[award.pk])
    assert "01/09/2025" in response.content.decode()


def test_batch_of_a_decision_prints_one_page_per_valid_award(client, world, decision, award):
    AwardFactory(decision=decision, unit=world.village_a2)
    AwardFactory(decision=decision, unit=world.village_b1, revoked_on=date(2025, 8, 1))
    client.force_login(world.home_affairs)
    response = client.get(reverse("awards:decision_certificates", args=[decision.pk]))
    assert response.status_code == 200
    reader = _reader(response.content)
    assert len(reader.pages) == 2
    texts = [page.extract_text() for page in reader.pages]
    assert "Thôn B1" not in " ".join(texts)


def test_batch_is_404_outside_the_issuer(client, world, decision, award):
    client.force_login(world.officer_a)
    response = client.get(reverse("awards:decision_certificates", args=[decision.pk]))
    assert response.status_code == 404


def test_a_certificate_prints_no_sample_flag(award):
    award.recipient_name = "Nguyễn Thị Hoa (mẫu)"
    award.decision_number = "125/QĐ-UBND (dữ liệu mẫu)"
    text = certificate_text(award, URL)
    assert text.recipient == "Nguyễn Thị Hoa"
    assert "mẫu" not in text.decision_line
