"""The commendation process of the Trạm Tấu demo, built only through the real services, so a
visitor finds every stage in the seed movement:

* dossiers of Xã Bản Mù and Xã Xà Hồ for the demo people and units of ``demo_facts``: one
  draft, one returned with a reason, one checked and waiting for the next notice (December
  2025), and seven that went through the public notice published on 02/06/2025 (one of them
  returned once and sent again), with one public comment and the office's answer;
* the district council's session of 20/06/2025, closed: six passed, and one «Chiến sĩ thi
  đua cơ sở» failed the 80 % threshold with 3 yes of 4 members; «xem» was absent and voted
  in writing;
* the province's quota of 2 «Bằng khen» and the signed proposal (tờ trình) that uses 1;
* the decision of 25/06/2025 signed by the district chairman (the district's authority
  ended on 30/06/2025), recording five awards with their money; one of them revoked on
  15/10/2025;
* an earlier paper award (2023) recorded in the register.

Everything invented is marked «(mẫu)» (people and villages are ``is_sample`` in
``demo_facts``). Idempotent: the story is keyed by its public notice and the paper award by
its decision number; a second run creates nothing.

Dates. The services stamp rows with the moment they run (``created_at``, the dossier trail,
comments, votes, signatures and every history row). The story happened in 2025, so each step
runs inside ``_Clock.at(when)``, which afterwards re-dates the rows that step wrote. The
achievement reports likewise cite only what was known in 2025 (ratings and facts up to 2024).

PDF. ``decisions.decision_sign`` signs in one transaction and then converts the .docx with
LibreOffice (seconds per document, up to two minutes before it gives up, and a logged
warning when soffice is missing). The demo signs with ``make_pdf=False``: the signing
transaction itself (number, awards, quota, nominations moved, .docx stored), leaving the PDF
to the decision page's «Tạo PDF» button.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone

from thidua.accounts.models import User
from thidua.award_catalogue.models import AwardForm, DecidingOffice
from thidua.awards.models import Award, DecisionKind
from thidua.awards.services import decisions, quotas, register
from thidua.core import documents
from thidua.councils import services as council_services
from thidua.councils.models import Council, CouncilMember
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    FactRecord,
    Person,
)
from thidua.demo import movement as demo_movement
from thidua.movements.models import Movement
from thidua.nominations import achievement
from thidua.nominations import services as nomination_services
from thidua.nominations.models import Nomination, PublicNotice
from thidua.units.models import VILLAGE_LEVEL_KINDS, Unit

DISTRICT = "TT"
USERNAMES = ("noivu", "chutich", "hoidong", "xem", "banmu", "xaho")
NOTICE_TITLE = "Công khai danh sách tập thể, cá nhân đề nghị khen thưởng đợt tháng 6/2025 (mẫu)"
NOTICE_INTRODUCTION = (
    "Ủy ban nhân dân huyện Trạm Tấu công khai danh sách tập thể, cá nhân được đề nghị khen "
    "thưởng trong phong trào thi đua đặc biệt để Nhân dân góp ý (mẫu)."
)
SAMPLE_NOTE = "Báo cáo thành tích mẫu, số liệu đến hết năm 2024 (mẫu)."
# The reports cite what was known when they were written (2025): ratings are decided in the
# January after their year, so the last year they can cite is 2024.
REPORT_YEARS = (2020, 2024)

# The earlier paper award: a «Lao động tiên tiến» of 2023, before the system was used.
PAPER_NUMBER = "2150/QĐ-UBND (mẫu)"
PAPER_DAY = date(2023, 12, 20)
PAPER_PERSON = ("TT.BANMU", "Sùng Thị Dua")


@dataclass(frozen=True)
class Dossier:
    """A nomination of the story: who proposes whom for what."""

    key: str
    proposer: str  # demo username
    proposing_unit: str  # unit code
    form: str  # award form code
    unit: str = ""  # candidate unit code, or
    person: tuple[str, str] = ("", "")  # candidate person: (unit code, full name)
    summary: str = ""  # the report's first paragraph (the public notice shows it)


# Through the notice of 02/06/2025 and the council of 20/06/2025.
NOTICED = (
    Dossier(
        "banmu",
        "banmu",
        "TT.BANMU",
        "bang_khen_tinh",
        unit="TT.BANMU",
        summary=(
            "Xã Bản Mù hoàn thành tốt nhiệm vụ 5 năm liền 2020-2024, xuất sắc năm 2022 và "
            "2024; năm 2024 giảm 5,2% tỷ lệ hộ nghèo, vượt chỉ tiêu; đang làm đường bê tông "
            "nội thôn Thôn 1 và xóa nhà tạm cho hộ nghèo (mẫu)."
        ),
    ),
    Dossier(
        "sinh",
        "banmu",
        "TT.BANMU",
        "chien_si_thi_dua_co_so",
        person=("TT.BANMU", "Mùa A Sình"),
        summary=(
            "Ông Mùa A Sình, Phó Chủ tịch UBND xã Bản Mù, hoàn thành xuất sắc nhiệm vụ năm "
            "2021 và 2024, hoàn thành tốt nhiệm vụ các năm còn lại; có sáng kiến «Số hóa hồ "
            "sơ một cửa cấp xã» được công nhận năm 2024 (mẫu)."
        ),
    ),
    Dossier(
        "dua",
        "banmu",
        "TT.BANMU",
        "chien_si_thi_dua_co_so",
        person=("TT.BANMU", "Sùng Thị Dua"),
        summary=(
            "Bà Sùng Thị Dua, công chức Văn hóa - Xã hội xã Bản Mù, hoàn thành xuất sắc nhiệm "
            "vụ 3 năm liền 2022-2024; năm 2021 hoàn thành nhiệm vụ (mẫu)."
        ),
    ),
    Dossier(
        "thon1",
        "banmu",
        "TT.BANMU",
        "giay_khen_huyen",
        unit="TT.BANMU.T1",
        summary=(
            "Thôn 1 được công nhận thôn văn hóa 4 năm liền 2021-2024; Nhân dân hiến đất, góp "
            "ngày công làm đường bê tông nội thôn (mẫu)."
        ),
    ),
    Dossier(
        "chu",
        "banmu",
        "TT.BANMU",
        "lao_dong_tien_tien",
        person=("TT.BANMU.T1", "Vàng A Chư"),
        summary=(
            "Ông Vàng A Chư, Trưởng Thôn 1, vận động Nhân dân hiến đất, góp ngày công làm "
            "đường bê tông nội thôn; thôn hoàn thành các chỉ tiêu kinh tế - xã hội năm 2024 "
            "(mẫu)."
        ),
    ),
    Dossier(
        "my",
        "xaho",
        "TT.XAHO",
        "lao_dong_tien_tien",
        person=("TT.XAHO", "Hờ Thị Mỷ"),
        summary=(
            "Bà Hờ Thị Mỷ, viên chức Trạm Y tế xã Xà Hồ, hoàn thành xuất sắc nhiệm vụ năm 2021 "
            "và 2024; năm 2024 hoàn thành 100% chỉ tiêu khám chữa bệnh được giao (mẫu)."
        ),
    ),
    Dossier(
        "xaho",
        "xaho",
        "TT.XAHO",
        "tap_the_lao_dong_tien_tien",
        unit="TT.XAHO",
        summary=(
            "Xã Xà Hồ hoàn thành tốt nhiệm vụ năm 2023 và 2024; đang xây dựng sân thể thao "
            "trung tâm xã, công trình đăng ký trong phong trào (mẫu)."
        ),
    ),
)
# Still on their way at the end of the movement (December 2025).
RETURNED = Dossier(
    "banmu_t2",
    "banmu",
    "TT.BANMU",
    "giay_khen_xa",
    unit="TT.BANMU.T2",
    summary=(
        "Thôn 2 được công nhận thôn văn hóa năm 2021, 2022 và 2024; Nhân dân góp công, góp "
        "tiền xây dựng nhà văn hóa thôn (mẫu)."
    ),
)
CHECKED = Dossier(
    "xaho_t1",
    "xaho",
    "TT.XAHO",
    "giay_khen_xa",
    unit="TT.XAHO.T1",
    summary="Thôn 1 được công nhận thôn văn hóa năm 2024; giữ vững an ninh trật tự (mẫu).",
)
DRAFT = Dossier(
    "xaho_t2",
    "xaho",
    "TT.XAHO",
    "giay_khen_xa",
    unit="TT.XAHO.T2",
    summary="Thôn 2 hoàn thành các chỉ tiêu kinh tế - xã hội năm 2024 (mẫu).",
)
ALL_DOSSIERS = (*NOTICED, RETURNED, CHECKED, DRAFT)

FIRST_RETURN_REASON = (
    "Biên bản họp xét của xã chưa có chữ ký của Chủ tịch Hội đồng Thi đua - Khen thưởng xã; "
    "đề nghị bổ sung biên bản đã ký (mẫu)."
)
RETURN_REASON = (
    "Thôn 2 chưa được công nhận thôn văn hóa năm 2023; đề nghị bổ sung giải trình và kết quả "
    "năm 2023 vào báo cáo thành tích (mẫu)."
)
COMMENT = nomination_services.CommentData(
    author_name="Nguyễn Văn Hùng (mẫu)",
    contact="0912 000 000",
    body=(
        "Đề nghị cho biết công trình đường bê tông nội thôn Thôn 1, xã Bản Mù đã hoàn thành "
        "và đưa vào sử dụng chưa? (mẫu)"
    ),
)
ANSWER = (
    "Công trình đã hoàn thành 100% khối lượng, dự kiến đưa vào sử dụng trước ngày 30/06/2025 "
    "theo đúng đăng ký (mẫu)."
)

# Council of 20/06/2025: (nomination key → votes of chutich, noivu, hoidong, xem). «Chiến sĩ
# thi đua cơ sở» needs 80 % of all 4 members: 3 yes is 75 %, not enough.
VOTES: dict[str, tuple[bool, bool, bool, bool]] = {
    "banmu": (True, True, True, True),
    "sinh": (True, True, True, True),
    "dua": (True, True, False, True),
    "thon1": (True, True, True, True),
    "chu": (True, True, True, False),
    "my": (True, True, True, True),
    "xaho": (True, True, False, True),
}
VOTERS = ("chutich", "noivu", "hoidong", "xem")  # the columns of VOTES
PRESENT = ("chutich", "noivu", "hoidong")
WRITTEN = "xem"  # absent, votes in writing (recorded by the secretary, noivu)

HELD_ON = date(2025, 6, 20)
SIGNED_ON = date(2025, 6, 25)
DECIDED = ("sinh", "thon1", "chu", "my", "xaho")
PROPOSED = ("banmu",)
QUOTA = 2
QUOTA_REFERENCE = "Công văn số 1234/SNV-TĐKT ngày 10/06/2025 của Sở Nội vụ tỉnh Yên Bái (mẫu)"
REVOKED = "my"
REVOKED_ON = date(2025, 10, 15)
REVOCATION_REASON = (
    "Sau khi khen thưởng, phát hiện cá nhân bị kỷ luật khiển trách trong năm 2025 nhưng không "
    "kê khai trong hồ sơ (mẫu)."
)
REVOCATION_DECISION = "Quyết định số 52/QĐ-UBND ngày 15/10/2025 của Chủ tịch UBND xã Xà Hồ (mẫu)"


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


class _Clock:
    """Re-dates what a step wrote to the story's date.

    Services stamp ``auto_now_add`` fields, their own ``timezone.now()`` and the history rows
    with the moment they run. After a step, every date-time column of the commendation apps
    (their history tables included) holding a value from that step's run is set to the
    story's moment: a plain UPDATE, on purpose, since the rows to correct are the history
    rows themselves. Earlier rows are untouched: they are older than the step's start.
    """

    APPS = ("nominations", "councils", "awards", "criteria")

    def __init__(self) -> None:
        self.columns = [
            (model, field.name)
            for label in self.APPS
            for model in apps.get_app_config(label).get_models()
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateTimeField)
        ]

    @contextmanager
    def at(self, when: datetime) -> Iterator[None]:
        start = timezone.now()
        yield
        for model, name in self.columns:
            model._base_manager.filter(**{f"{name}__gte": start}).update(**{name: when})


def _minutes(unit: Unit, candidate: str, form: AwardForm, day: date) -> SimpleUploadedFile:
    """The unit's review minutes (biên bản họp xét) as a real .docx, marked as a sample."""
    document = documents.new_document()
    parent = unit.parent
    documents.add_header(
        document,
        documents.Header(
            issuer=unit.full_name or unit.name,
            parent=(parent.full_name or parent.name) if parent else "",
            place=documents.place_of(unit.name),
            day=day,
            symbol="BB-HĐTĐKT",
        ),
    )
    documents.add_title(document, "Biên bản", ["Họp xét đề nghị khen thưởng (mẫu)"])
    documents.add_paragraph(
        document,
        f"Hội đồng Thi đua - Khen thưởng {unit.name[:1].lower()}{unit.name[1:]} họp ngày "
        f"{day:%d/%m/%Y}, 7/7 thành viên có mặt, biểu quyết 7/7 đồng ý đề nghị tặng "
        f"«{form.name}» cho {candidate} (mẫu).",
    )
    documents.add_closing(
        document,
        recipients=["- Như trên;", "- Lưu: VT."],
        signature=documents.Signature(authority=("TM. Hội đồng", "Chủ tịch"), name=""),
    )
    return SimpleUploadedFile(
        f"bien-ban-hop-xet-{day:%Y%m%d}.docx", documents.document_bytes(document)
    )


def _report(dossier: Dossier, unit: Unit | None, person: Person | None) -> str:
    """The achievement report as the unit wrote it in 2025: the dossier's summary, then the
    recorded ratings, cultural village years and facts up to 2024 (the nominations app's
    pre-fill reads today's data, which would cite decisions of 2026)."""
    first, last = REPORT_YEARS
    owner = {"unit": unit} if unit is not None else {"person": person}
    sections: list[tuple[str, list[str]]] = []
    ratings = {
        r.year: r for r in AnnualRating.objects.filter(year__gte=first, year__lte=last, **owner)
    }
    if ratings:
        lines = []
        for year in range(first, last + 1):
            rating = ratings.get(year)
            if rating is None:
                lines.append(f"- Năm {year}: chưa có dữ liệu xếp loại.")
            else:
                lines.append(
                    f"- Năm {year}: {rating.get_level_display()} ({rating.document_reference})."
                )
        sections.append((f"XẾP LOẠI HẰNG NĂM ({first}-{last})", lines))
    if unit is not None and unit.kind in VILLAGE_LEVEL_KINDS:
        years = CulturalVillageRecognition.objects.filter(unit=unit, year__lte=last).values_list(
            "year", flat=True
        )
        listed = ", ".join(str(year) for year in sorted(years)) or "chưa có"
        sections.append(
            ("DANH HIỆU THÔN, TỔ DÂN PHỐ VĂN HÓA", [f"- Được công nhận các năm: {listed}."])
        )
    facts = [
        f"- Năm {f.year}, {f.get_kind_display().lower()}: {f.summary} ({f.document_reference})."
        for f in FactRecord.objects.filter(year__lte=last, **owner).order_by("year", "pk")
    ]
    if facts:
        sections.append(("THÀNH TÍCH VÀ SỰ VIỆC KHÁC ĐÃ GHI NHẬN", facts))
    paragraphs = [f"{achievement.SUMMARY_PREFIX} {dossier.summary}"]
    for number, (title, lines) in zip(("I", "II", "III"), sections, strict=False):
        paragraphs.append(f"{number}. {title}\n" + "\n".join(lines))
    paragraphs.append(SAMPLE_NOTE)
    return "\n\n".join(paragraphs)


class _Story:
    def __init__(self, movement: Movement, users: dict[str, User]) -> None:
        self.movement = movement
        self.users = users
        self.clock = _Clock()
        codes = {d.proposing_unit for d in ALL_DOSSIERS} | {d.unit for d in ALL_DOSSIERS}
        codes |= {d.person[0] for d in ALL_DOSSIERS} | {DISTRICT}
        self.units = {u.code: u for u in Unit.objects.filter(code__in=codes - {""})}
        self.forms = {f.code: f for f in AwardForm.objects.all()}
        self.nominations: dict[str, Nomination] = {}

    def person(self, dossier: Dossier) -> Person | None:
        code, name = dossier.person
        if not name:
            return None
        return Person.objects.get(unit__code=code, full_name=name, is_sample=True)

    def missing(self) -> bool:
        """Whether something the story needs is not as ``load_demo`` made it: the units,
        award forms and people, and the district council of exactly the four demo members
        (the votes and the 80 % outcome are written for them)."""
        council = Council.objects.filter(unit__code=DISTRICT).order_by("pk").first()
        active = CouncilMember.objects.filter(council=council, active=True)
        if set(active.values_list("user__username", flat=True)) != set(VOTERS):
            return True
        wanted_units = {d.unit or d.person[0] for d in ALL_DOSSIERS} | {DISTRICT}
        if not wanted_units <= set(self.units):
            return True
        if not {d.form for d in ALL_DOSSIERS} <= set(self.forms):
            return True
        names = [d.person for d in ALL_DOSSIERS if d.person[1]]
        found = Person.objects.filter(
            is_sample=True, full_name__in=[n for _c, n in names]
        ).values_list("unit__code", "full_name")
        return not set(names) <= set(found)

    def taken(self) -> bool:
        """Whether a candidate of the story already has a live nomination in the movement
        (someone used the demo): the story would clash with it, so it is not told."""
        for dossier in ALL_DOSSIERS:
            unit = self.units.get(dossier.unit) if dossier.unit else None
            person = self.person(dossier) if dossier.person[1] else None
            if nomination_services.live_nomination(self.movement, unit=unit, person=person):
                return True
        return False

    # --- dossiers ---------------------------------------------------------------------

    def create(self, dossier: Dossier, day: date) -> Nomination:
        unit = self.units[dossier.unit] if dossier.unit else None
        person = self.person(dossier)
        form = self.forms[dossier.form]
        proposing = self.units[dossier.proposing_unit]
        candidate = unit.name if unit is not None else person.full_name
        nomination = nomination_services.nomination_create(
            actor=self.users[dossier.proposer],
            movement=self.movement,
            proposing_unit=proposing,
            candidate_unit=unit,
            candidate_person=person,
            data=nomination_services.DossierData(
                award_form=form,
                achievement=_report(dossier, unit, person),
                review_minutes=_minutes(proposing, candidate, form, day),
            ),
        )
        self.nominations[dossier.key] = nomination
        return nomination

    def refresh(self) -> None:
        """Read the dossiers again: services change their own copies (notice, status)."""
        fresh = Nomination.objects.in_bulk([n.pk for n in self.nominations.values()])
        self.nominations = {key: fresh[n.pk] for key, n in self.nominations.items()}

    def submit(self, dossier: Dossier) -> None:
        nomination_services.nomination_submit(
            actor=self.users[dossier.proposer], nomination=self.nominations[dossier.key]
        )

    def accept(self, dossier: Dossier) -> None:
        nomination_services.nomination_accept(
            actor=self.users["noivu"], nomination=self.nominations[dossier.key]
        )

    # --- the story --------------------------------------------------------------------

    def tell(self) -> None:
        at = self.clock.at
        noivu, chutich = self.users["noivu"], self.users["chutich"]
        for minute, dossier in enumerate(NOTICED):
            with at(_at(date(2025, 5, 12), 8, minute * 5)):
                self.create(dossier, date(2025, 5, 12))
        for minute, dossier in enumerate(NOTICED):
            with at(_at(date(2025, 5, 14), 14, minute * 5)):
                self.submit(dossier)
        my = next(d for d in NOTICED if d.key == "my")
        with at(_at(date(2025, 5, 20), 10)):
            nomination_services.nomination_return(
                actor=noivu, nomination=self.nominations["my"], reason=FIRST_RETURN_REASON
            )
        with at(_at(date(2025, 5, 22), 15)):
            nomination = self.nominations["my"]
            proposing = self.units[my.proposing_unit]
            self.nominations["my"] = nomination_services.nomination_update(
                actor=self.users[my.proposer],
                nomination=nomination,
                data=nomination_services.DossierData(
                    award_form=nomination.award_form,
                    achievement=nomination.achievement,
                    review_minutes=_minutes(
                        proposing,
                        nomination.candidate_name,
                        nomination.award_form,
                        date(2025, 5, 21),
                    ),
                ),
            )
            self.submit(my)
        for minute, dossier in enumerate(NOTICED):
            with at(_at(date(2025, 5, 26), 9, minute * 5)):
                self.accept(dossier)

        # Public notice: published on 02/06/2025, open for 10 working days.
        with at(_at(date(2025, 5, 30), 10)):
            notice = nomination_services.notice_create(
                actor=noivu,
                movement=self.movement,
                data=nomination_services.NoticeData(
                    title=NOTICE_TITLE, introduction=NOTICE_INTRODUCTION, working_days=10
                ),
                nominations=[self.nominations[d.key] for d in NOTICED],
            )
        with at(_at(date(2025, 6, 2), 8)):
            nomination_services.notice_publish(actor=noivu, notice=notice, today=date(2025, 6, 2))
        self.refresh()
        with at(_at(date(2025, 6, 5), 20, 15)):
            comment = nomination_services.comment_post(
                notice=notice,
                data=replace(COMMENT, nomination=self.nominations["banmu"]),
                today=date(2025, 6, 5),
            )
        with at(_at(date(2025, 6, 9), 10)):
            nomination_services.comment_answer(actor=noivu, comment=comment, answer=ANSWER)

        # The province's quota of upward proposals.
        district = self.units[DISTRICT]
        with at(_at(date(2025, 6, 11), 9)):
            quotas.quota_set(
                actor=noivu,
                movement=self.movement,
                unit=district,
                award_form=self.forms["bang_khen_tinh"],
                allocated=QUOTA,
                document_reference=QUOTA_REFERENCE,
            )

        self.council_session(district)

        # The decision and the proposal, drafted by the office, signed by the chairman.
        drafts = []
        for kind, keys in ((DecisionKind.DECISION, DECIDED), (DecisionKind.PROPOSAL, PROPOSED)):
            with at(_at(date(2025, 6, 23), 9 if kind == DecisionKind.DECISION else 10)):
                drafts.append(
                    decisions.decision_create(
                        actor=noivu,
                        movement=self.movement,
                        issuing_unit=district,
                        kind=kind,
                        data=decisions.DraftData(
                            signed_on=SIGNED_ON,
                            summary=decisions.default_summary(self.movement, kind) + " (mẫu)",
                            signer_name=chutich.full_name,
                            distribution_list=decisions.default_distribution(kind),
                        ),
                        nomination_ids=[self.nominations[key].pk for key in keys],
                    )
                )
        for hour, draft in enumerate(drafts, start=15):
            with at(_at(SIGNED_ON, hour)):
                # The signing transaction without the PDF (see the module's docstring).
                decisions.decision_sign(
                    actor=chutich, decision=draft, today=SIGNED_ON, make_pdf=False
                )

        with at(_at(REVOKED_ON, 14)):
            register.award_revoke(
                actor=noivu,
                award=Award.objects.get(nomination=self.nominations[REVOKED]),
                reason=REVOCATION_REASON,
                revocation_decision=REVOCATION_DECISION,
                revoked_on=REVOKED_ON,
            )

        # December 2025: dossiers still on their way when the movement ends.
        with at(_at(date(2025, 12, 2), 9)):
            self.create(RETURNED, date(2025, 12, 2))
            self.create(CHECKED, date(2025, 12, 2))
        with at(_at(date(2025, 12, 3), 16)):
            self.submit(RETURNED)
            self.submit(CHECKED)
        with at(_at(date(2025, 12, 4), 10)):
            self.create(DRAFT, date(2025, 12, 4))
        with at(_at(date(2025, 12, 8), 9)):
            nomination_services.nomination_return(
                actor=noivu, nomination=self.nominations[RETURNED.key], reason=RETURN_REASON
            )
            self.accept(CHECKED)

    def council_session(self, district: Unit) -> None:
        at = self.clock.at
        noivu = self.users["noivu"]
        council = Council.objects.filter(unit=district).order_by("pk").first()
        members = {
            m.user.username: m
            for m in CouncilMember.objects.filter(council=council).select_related("user")
        }
        with at(_at(date(2025, 6, 18), 9)):
            session = council_services.session_create(
                actor=noivu,
                council=council,
                movement=self.movement,
                held_on=HELD_ON,
                place="Hội trường Ủy ban nhân dân huyện Trạm Tấu",
                notes="Phiên họp xét khen thưởng đợt tháng 6/2025 (mẫu).",
                nominations=[self.nominations[d.key] for d in NOTICED],
                today=date(2025, 6, 18),
            )
        with at(_at(HELD_ON, 8)):
            council_services.attendance_record(
                actor=noivu, session=session, present=[members[name] for name in PRESENT]
            )
            council_services.voting_open(actor=noivu, session=session)
        item_of = {item.nomination_id: item.pk for item in session.items.all()}

        def ballot(username: str) -> dict[int, bool]:
            column = VOTERS.index(username)
            return {
                item_of[self.nominations[key].pk]: votes[column] for key, votes in VOTES.items()
            }

        with at(_at(HELD_ON, 8, 10)):
            council_services.ballot_record_written(
                actor=noivu, session=session, member=members[WRITTEN], votes=ballot(WRITTEN)
            )
        for minute, username in enumerate(PRESENT, start=1):
            with at(_at(HELD_ON, 8, 30 + minute)):
                council_services.ballot_cast(
                    actor=self.users[username], session=session, votes=ballot(username)
                )
        with at(_at(HELD_ON, 10)):
            council_services.session_close(actor=noivu, session=session)


def _paper_award(users: dict[str, User], clock: _Clock) -> bool:
    """An earlier paper «Lao động tiên tiến» (2023) entered in the register."""
    code, name = PAPER_PERSON
    person = Person.objects.filter(unit__code=code, full_name=name, is_sample=True).first()
    form = AwardForm.objects.filter(code="lao_dong_tien_tien").first()
    if person is None or form is None:
        return False
    if Award.objects.filter(person=person, decision_number=PAPER_NUMBER).exists():
        return False
    with clock.at(_at(date(2025, 5, 8), 10)):
        register.award_record(
            actor=users["noivu"],
            award_form=form,
            deciding_office=DecidingOffice.DISTRICT_CHAIRMAN,
            decision_number=PAPER_NUMBER,
            decided_on=PAPER_DAY,
            person=person,
        )
    return True


def load_demo_commendation(users: dict | None = None) -> bool:
    """Tell the commendation story in the demo movement; True when something was created.

    ``users``: the demo accounts by username; those not given are read from the database.
    Needs the rest of the demo (units, accounts, facts, award reference data, holidays,
    criterion sets, the district council with its four members), so ``load_demo`` calls it
    last; without them it creates nothing. Prints nothing.
    """
    movement = Movement.objects.filter(
        title=demo_movement.TITLE, issuing_unit__code=DISTRICT
    ).first()
    if movement is None:
        return False
    users = dict(users or {})
    for user in User.objects.filter(username__in=[n for n in USERNAMES if n not in users]):
        users[user.username] = user
    if not set(USERNAMES) <= set(users):
        return False
    created = False
    with transaction.atomic():
        if _paper_award(users, _Clock()):
            created = True
        if PublicNotice.objects.filter(movement=movement, title=NOTICE_TITLE).exists():
            return created
        story = _Story(movement, users)
        if story.missing() or story.taken():
            return created
        story.tell()
    return True
