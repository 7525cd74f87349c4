"""Sample facts for the Trạm Tấu demo: people, annual ratings 2020-2025, cultural village
recognitions and other facts, chosen so that the criteria pages show every branch.

* Xã Bản Mù is rated "completed well" or better every year; Xã Xà Hồ only "completed" in
  2022; Xã Hát Lừu has no rating recorded for 2021 (not yet known).
* Mùa A Sình has exactly 2 excellent years; Sùng Thị Dua was only "completed" in 2021;
  Hờ Thị Mỷ has no rating for 2023.
* Thôn 1 of Bản Mù was a cultural village in 5 years, Thôn 2 in 4.

Everything here is invented (people are ``is_sample``, references end in «(mẫu)»).
Idempotent: a record already there is left as it is, so a second run changes nothing.
Needs the demo's units (``load_demo``); without them it does nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import User
from thidua.core.audit import save_attributed
from thidua.criteria.models import (
    AnnualRating,
    CulturalVillageRecognition,
    FactKind,
    FactRecord,
    Person,
    PersonKind,
    RatingLevel,
    TargetOutcome,
)
from thidua.units.models import Unit

REASON = "Dữ liệu mẫu"
YEARS = range(2020, 2026)
E, G, C = RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETED

COMMUNE_NAMES = {"TT.BANMU": "xã Bản Mù", "TT.XAHO": "xã Xà Hồ", "TT.HATLUU": "xã Hát Lừu"}

# Unit code → rating per year (None: not recorded).
COMMUNE_RATINGS: dict[str, tuple] = {
    "TT.BANMU": (G, G, E, G, E, G),
    "TT.XAHO": (G, G, C, G, G, E),
    "TT.HATLUU": (G, None, G, E, G, G),
}

# key, unit code, full name, kind, position, year of birth, ratings 2020-2025
PEOPLE: list[tuple] = [
    (
        "sinh",
        "TT.BANMU",
        "Mùa A Sình",
        PersonKind.CADRE,
        "Phó Chủ tịch UBND xã",
        1980,
        (G, E, G, G, E, G),
    ),
    (
        "dua",
        "TT.BANMU",
        "Sùng Thị Dua",
        PersonKind.CIVIL_SERVANT,
        "Công chức Văn hóa - Xã hội",
        1990,
        (G, C, E, E, E, G),
    ),
    (
        "chu",
        "TT.BANMU.T1",
        "Vàng A Chư",
        PersonKind.VILLAGE_WORKER,
        "Trưởng thôn",
        1975,
        (),
    ),
    (
        "my",
        "TT.XAHO",
        "Hờ Thị Mỷ",
        PersonKind.PUBLIC_EMPLOYEE,
        "Viên chức Trạm Y tế xã",
        1988,
        (G, E, G, None, E, G),
    ),
    ("panh", "TT.HATLUU.T2", "Lò Văn Pành", PersonKind.HOUSEHOLD, "", 1970, ()),
]

# Village code → years recognised as a cultural village.
RECOGNITIONS: dict[str, tuple[int, ...]] = {
    "TT.BANMU.T1": (2021, 2022, 2023, 2024, 2025),
    "TT.BANMU.T2": (2021, 2022, 2024, 2025),
    "TT.XAHO.T1": (2024, 2025),
}

# owner (unit code, or "person:<key>"), year, kind, summary, outcome, amount, reference
FACTS: list[tuple] = [
    (
        "TT.BANMU",
        2025,
        FactKind.TARGET,
        "Thu ngân sách nhà nước trên địa bàn năm 2025 đạt 112% dự toán (số liệu mẫu)",
        TargetOutcome.EXCEEDED,
        None,
        "Báo cáo số 215/BC-UBND ngày 15/12/2025 của UBND xã Bản Mù (mẫu)",
    ),
    (
        "TT.BANMU",
        2024,
        FactKind.TARGET,
        "Giảm 5,2% tỷ lệ hộ nghèo, chỉ tiêu giao 4% (số liệu mẫu)",
        TargetOutcome.EXCEEDED,
        None,
        "Báo cáo số 198/BC-UBND ngày 16/12/2024 của UBND xã Bản Mù (mẫu)",
    ),
    (
        "TT.BANMU",
        2024,
        FactKind.CONTRIBUTION,
        "Ủng hộ Quỹ Vì người nghèo huyện Trạm Tấu (số liệu mẫu)",
        "",
        Decimal(15_000_000),
        "Giấy xác nhận số 45/GXN-MTTQ ngày 20/11/2024 của Ủy ban MTTQ huyện (mẫu)",
    ),
    (
        "TT.XAHO",
        2025,
        FactKind.TARGET,
        "Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt 92%, chỉ tiêu 95% (số liệu mẫu)",
        TargetOutcome.NOT_ACHIEVED,
        None,
        "Báo cáo số 120/BC-UBND ngày 12/12/2025 của UBND xã Xà Hồ (mẫu)",
    ),
    (
        "TT.XAHO.T2",
        2023,
        FactKind.COMPLAINT,
        "01 đơn khiếu nại về đất đai gửi vượt cấp lên huyện (số liệu mẫu)",
        "",
        None,
        "Công văn số 88/UBND-TCD ngày 05/09/2023 của UBND huyện Trạm Tấu (mẫu)",
    ),
    (
        "TT.HATLUU.T3",
        2022,
        FactKind.VIOLATION,
        "Phát hiện 01 trường hợp vi phạm quy ước của thôn về tảo hôn, đã xử lý (số liệu mẫu)",
        "",
        None,
        "Biên bản số 03/BB-TH ngày 10/06/2022 của thôn (mẫu)",
    ),
    (
        "person:sinh",
        2024,
        FactKind.INITIATIVE,
        "Sáng kiến «Số hóa hồ sơ một cửa cấp xã» được công nhận (mẫu)",
        "",
        None,
        "Quyết định số 77/QĐ-UBND ngày 25/11/2024 của UBND huyện Trạm Tấu (mẫu)",
    ),
    (
        "person:my",
        2024,
        FactKind.TARGET,
        "Hoàn thành 100% chỉ tiêu khám chữa bệnh được giao (số liệu mẫu)",
        TargetOutcome.ACHIEVED,
        None,
        "Báo cáo số 30/BC-TYT ngày 10/12/2024 của Trạm Y tế xã Xà Hồ (mẫu)",
    ),
    (
        "person:chu",
        2025,
        FactKind.TARGET,
        "Thôn 1 hoàn thành vượt các chỉ tiêu kinh tế - xã hội năm 2025 (số liệu mẫu)",
        TargetOutcome.EXCEEDED,
        None,
        "Báo cáo số 12/BC-UBND ngày 18/12/2025 của UBND xã Bản Mù (mẫu)",
    ),
    (
        "person:panh",
        2025,
        FactKind.CONTRIBUTION,
        "Ủng hộ ngày công và tiền làm đường bê tông nội thôn (số liệu mẫu)",
        "",
        Decimal(2_000_000),
        "Biên bản số 05/BB-T2 ngày 30/08/2025 của Thôn 2, xã Hát Lừu (mẫu)",
    ),
]


def _rating_reference(number: int, year: int, issuer: str) -> str:
    return f"Quyết định số {number}/QĐ-UBND ngày 15/01/{year + 1} của UBND {issuer} (mẫu)"


def _actor() -> User | None:
    return User.objects.filter(username="noivu").first()


class _Loader:
    def __init__(self, actor: User | None) -> None:
        self.actor = actor
        self.now = timezone.now()
        self.created = 0
        self.units = {u.code: u for u in Unit.objects.filter(code__startswith="TT.")}

    def save(self, record) -> None:
        save_attributed(record, actor=self.actor, reason=REASON)
        self.created += 1

    def rating(self, year: int, level, reference: str, *, unit=None, person=None) -> None:
        owner = {"unit": unit} if unit is not None else {"person": person}
        if AnnualRating.objects.filter(year=year, **owner).exists():
            return
        self.save(
            AnnualRating(
                year=year,
                level=level,
                document_reference=reference,
                recorded_by=self.actor,
                recorded_at=self.now,
                **owner,
            )
        )

    def person(self, unit: Unit, name: str, kind, position: str, birth_year: int) -> Person:
        person = Person.objects.filter(unit=unit, full_name=name, is_sample=True).first()
        if person is None:
            person = Person(
                unit=unit,
                full_name=name,
                kind=kind,
                position=position,
                birth_year=birth_year,
                is_sample=True,
            )
            self.save(person)
        return person

    def recognition(self, unit: Unit, year: int, reference: str) -> None:
        if CulturalVillageRecognition.objects.filter(unit=unit, year=year).exists():
            return
        self.save(
            CulturalVillageRecognition(
                unit=unit,
                year=year,
                document_reference=reference,
                recorded_by=self.actor,
                recorded_at=self.now,
            )
        )

    def fact(self, owner: dict, year, kind, summary, outcome, amount, reference) -> None:
        if FactRecord.objects.filter(year=year, kind=kind, summary=summary, **owner).exists():
            return
        self.save(
            FactRecord(
                year=year,
                kind=kind,
                summary=summary,
                outcome=outcome,
                amount=amount,
                document_reference=reference,
                recorded_by=self.actor,
                recorded_at=self.now,
                **owner,
            )
        )

    def load(self) -> None:
        for index, (code, levels) in enumerate(COMMUNE_RATINGS.items()):
            for year, level in zip(YEARS, levels, strict=True):
                if level is not None:
                    reference = _rating_reference(10 + index, year, "huyện Trạm Tấu")
                    self.rating(year, level, reference, unit=self.units[code])
        people: dict[str, Person] = {}
        for key, code, name, kind, position, birth_year, levels in PEOPLE:
            unit = self.units[code]
            people[key] = person = self.person(unit, name, kind, position, birth_year)
            commune = unit if code in COMMUNE_NAMES else unit.parent
            issuer = COMMUNE_NAMES.get(commune.code, commune.name)
            for year, level in zip(YEARS, levels, strict=False):
                if level is not None:
                    reference = _rating_reference(20 + len(people), year, issuer)
                    self.rating(year, level, reference, person=person)
        for code, years in RECOGNITIONS.items():
            village = self.units[code]
            issuer = COMMUNE_NAMES[village.parent.code]
            for number, year in enumerate(years, start=30):
                reference = (
                    f"Quyết định số {number}/QĐ-UBND ngày 20/12/{year} của UBND {issuer} (mẫu)"
                )
                self.recognition(village, year, reference)
        for owner, year, kind, summary, outcome, amount, reference in FACTS:
            if owner.startswith("person:"):
                target = {"person": people[owner.removeprefix("person:")]}
            else:
                target = {"unit": self.units[owner]}
            self.fact(target, year, kind, summary, outcome, amount, reference)


def load_demo_facts(actor: User | None = None) -> bool:
    """Create the sample facts that are missing; True if anything was created."""
    needed = set(COMMUNE_RATINGS) | set(RECOGNITIONS)
    needed |= {code for _k, code, *_rest in PEOPLE}
    needed |= {owner for owner, *_rest in FACTS if not owner.startswith("person:")}
    if Unit.objects.filter(code__in=needed).count() < len(needed):
        return False
    with transaction.atomic():
        loader = _Loader(actor if actor is not None else _actor())
        loader.load()
    return loader.created > 0
