"""The computed rules on hand-made fact profiles: every branch, for each candidate type.

Rules are pure functions of ``Facts``, so most profiles here are built in memory (no
database); the last tests run ``evaluate_many`` on the database (merged units, attestations,
the fixed number of queries).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from thidua.criteria import sets
from thidua.criteria.evaluation import (
    AwardFact,
    Candidate,
    Facts,
    Predecessor,
    RecordFact,
    Verdict,
    clean_params,
    describe_params,
    evaluate_candidate,
    evaluate_many,
    load_facts,
    rule_awards_received,
    rule_contributions,
    rule_cultural_village,
    rule_initiatives,
    rule_no_violations,
    rule_ratings,
    rule_targets,
    rule_unit_plan,
    rule_works,
)
from thidua.criteria.models import (
    AnnualRating,
    CandidateType,
    Criterion,
    CriterionKind,
    FactKind,
    Person,
    PersonKind,
    RuleKey,
    candidate_type_of,
)
from thidua.movements.models import Movement, PlanStatus, UnitPlan
from thidua.units.models import Unit, UnitKind, UnitSuccession
from thidua.works.models import ProgressStatus, RegistrationStatus, Work

MOVEMENT = Movement(
    pk=1,
    title="Phong trào mẫu",
    start_date=date(2024, 10, 1),
    end_date=date(2025, 12, 31),
    registration_deadline=date(2024, 10, 25),
)
AFTER = date(2026, 3, 1)  # the movement and the term are over
DURING = date(2025, 6, 1)  # 2025 is not over yet

COLLECTIVE_RATINGS = {"from_year": 2020, "to_year": 2025, "min_level": "good"}
CADRE_RATINGS = {**COLLECTIVE_RATINGS, "excellent_at_least": 2}


def unit(pk: int, kind: str = UnitKind.COMMUNE, name: str = "", valid_from=None) -> Unit:
    return Unit(pk=pk, kind=kind, name=name or f"Xã {pk}", valid_from=valid_from)


def person(pk: int, kind: str = PersonKind.CADRE, home: Unit | None = None) -> Person:
    return Person(pk=pk, kind=kind, full_name=f"Người {pk}", unit=home or unit(900))


def facts(today: date = AFTER, **data) -> Facts:
    return Facts(movement=MOVEMENT, today=today, **data)


def params(rule: str, **values) -> dict:
    return clean_params(rule, values)


def ratings(**by_year: str) -> dict[int, str]:
    return {int(year[1:]): level for year, level in by_year.items()}


def all_years(level: str, first: int = 2020, last: int = 2025) -> dict[int, str]:
    return dict.fromkeys(range(first, last + 1), level)


# --- candidate types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (UnitKind.COMMUNE, CandidateType.COMMUNE_OR_TOWN),
        (UnitKind.TOWN, CandidateType.COMMUNE_OR_TOWN),
        (UnitKind.AGENCY, CandidateType.AGENCY),
        (UnitKind.MASS_ORGANISATION, CandidateType.AGENCY),
        (UnitKind.VERTICAL_AGENCY, CandidateType.AGENCY),
        (UnitKind.ENTERPRISE, CandidateType.ENTERPRISE),
        (UnitKind.COOPERATIVE, CandidateType.ENTERPRISE),
        (UnitKind.VILLAGE, CandidateType.VILLAGE),
        (UnitKind.RESIDENTIAL_GROUP, CandidateType.VILLAGE),
        (UnitKind.DISTRICT, None),
    ],
)
def test_candidate_type_of_unit(kind, expected):
    assert candidate_type_of(unit=unit(1, kind)) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (PersonKind.CADRE, CandidateType.CADRE),
        (PersonKind.CIVIL_SERVANT, CandidateType.CADRE),
        (PersonKind.PUBLIC_EMPLOYEE, CandidateType.CADRE),
        (PersonKind.ARMED_FORCES, CandidateType.CADRE),
        (PersonKind.VILLAGE_WORKER, CandidateType.VILLAGE_WORKER),
        (PersonKind.HOUSEHOLD, CandidateType.HOUSEHOLD_OR_WORKER),
        (PersonKind.WORKER, CandidateType.HOUSEHOLD_OR_WORKER),
    ],
)
def test_candidate_type_of_person(kind, expected):
    assert candidate_type_of(person=person(1, kind)) == expected


# --- ratings: collectives (every year 'good' or better) ------------------------------------


def test_collective_rated_well_every_year_is_met():
    commune = Candidate(unit=unit(1))
    profile = facts(ratings={("unit", 1): all_years("good")})
    outcome = rule_ratings(commune, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), profile)
    assert outcome.verdict == Verdict.MET
    assert len(outcome.facts) == 6
    assert "2020: Hoàn thành tốt nhiệm vụ" in outcome.facts


def test_a_missing_year_is_not_yet_known():
    commune = Candidate(unit=unit(1))
    years = all_years("good")
    del years[2021]
    outcome = rule_ratings(
        commune, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), facts(ratings={("unit", 1): years})
    )
    assert outcome.verdict == Verdict.UNKNOWN
    assert "2021: chưa có xếp loại" in outcome.facts
    assert "2021" in outcome.reason


def test_one_completed_year_fails_even_with_a_missing_year():
    agency = Candidate(unit=unit(1, UnitKind.AGENCY))
    years = all_years("excellent")
    years[2022] = "completed"
    del years[2021]
    outcome = rule_ratings(
        agency, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), facts(ratings={("unit", 1): years})
    )
    assert outcome.verdict == Verdict.NOT_MET
    assert outcome.reason == "2022: chỉ hoàn thành nhiệm vụ"
    assert "2021: chưa có xếp loại" in outcome.facts


def test_not_completed_year_names_the_level():
    commune = Candidate(unit=unit(1))
    years = all_years("good")
    years[2024] = "not_completed"
    outcome = rule_ratings(
        commune, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), facts(ratings={("unit", 1): years})
    )
    assert outcome.verdict == Verdict.NOT_MET
    assert outcome.reason == "2024: Không hoàn thành nhiệm vụ"


# --- ratings: cadres (good or better, at least 2 years excellent) ---------------------------


def _cadre(years: dict[int, str]):
    cadre = Candidate(person=person(7))
    return rule_ratings(
        cadre, params(RuleKey.RATINGS, **CADRE_RATINGS), facts(ratings={("person", 7): years})
    )


def test_cadre_with_exactly_two_excellent_years_is_met():
    years = all_years("good")
    years[2021] = years[2024] = "excellent"
    outcome = _cadre(years)
    assert outcome.verdict == Verdict.MET
    assert "2 năm" in outcome.reason


def test_cadre_with_one_excellent_year_fails():
    years = all_years("good")
    years[2023] = "excellent"
    outcome = _cadre(years)
    assert outcome.verdict == Verdict.NOT_MET
    assert "1" in outcome.reason and "2" in outcome.reason


def test_cadre_with_one_excellent_and_one_missing_year_is_not_yet_known():
    years = all_years("good")
    years[2023] = "excellent"
    del years[2025]
    assert _cadre(years).verdict == Verdict.UNKNOWN


def test_cadre_who_cannot_reach_two_excellent_years_fails_despite_a_missing_year():
    years = all_years("good")
    del years[2025]
    outcome = _cadre(years)
    assert outcome.verdict == Verdict.NOT_MET


def test_cadre_with_a_completed_year_fails():
    years = all_years("excellent")
    years[2022] = "completed"
    outcome = _cadre(years)
    assert outcome.verdict == Verdict.NOT_MET
    assert outcome.reason == "2022: chỉ hoàn thành nhiệm vụ"


# --- merged units -------------------------------------------------------------------------


def merged_profile(p2_years: dict[int, str], *, successor_from=None) -> tuple[Candidate, Facts]:
    """Xã Mới continues Xã Cũ 1 and Xã Cũ 2 from 01/07/2025; Xã Cũ 1 continues Xã Gốc from
    01/01/2022."""
    successor = unit(10, name="Xã Mới", valid_from=successor_from)
    merged = date(2025, 7, 1)
    profile = facts(
        predecessors={
            10: [
                Predecessor(11, "Xã Cũ 1", merged, None),
                Predecessor(12, "Xã Cũ 2", merged, None),
            ],
            11: [Predecessor(13, "Xã Gốc", date(2022, 1, 1), None)],
        },
        unit_names={10: "Xã Mới", 11: "Xã Cũ 1", 12: "Xã Cũ 2", 13: "Xã Gốc"},
        valid_from={10: successor_from},
        ratings={
            ("unit", 10): {2025: "good"},
            ("unit", 11): all_years("good", 2022, 2024),
            ("unit", 12): p2_years,
            ("unit", 13): all_years("excellent", 2020, 2021),
        },
    )
    return Candidate(unit=successor), profile


def test_merged_unit_is_judged_on_its_predecessors_before_the_merger():
    candidate, profile = merged_profile(all_years("good", 2020, 2024))
    outcome = rule_ratings(candidate, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), profile)
    assert outcome.verdict == Verdict.MET
    assert "2020 (Xã Gốc): Hoàn thành xuất sắc nhiệm vụ" in outcome.facts
    assert "2023 (Xã Cũ 1): Hoàn thành tốt nhiệm vụ" in outcome.facts
    assert "2025: Hoàn thành tốt nhiệm vụ" in outcome.facts


def test_merged_unit_fails_when_one_predecessor_fails_a_year_and_names_it():
    years = all_years("good", 2020, 2024)
    years[2022] = "completed"
    candidate, profile = merged_profile(years)
    outcome = rule_ratings(candidate, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), profile)
    assert outcome.verdict == Verdict.NOT_MET
    assert outcome.reason == "2022 (Xã Cũ 2): chỉ hoàn thành nhiệm vụ"


def test_merged_unit_with_a_predecessor_missing_a_year_is_not_yet_known():
    years = all_years("good", 2020, 2024)
    del years[2023]
    candidate, profile = merged_profile(years)
    outcome = rule_ratings(candidate, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), profile)
    assert outcome.verdict == Verdict.UNKNOWN
    assert "2023 (Xã Cũ 2): chưa có xếp loại" in outcome.facts


def test_a_unit_that_existed_before_the_merger_is_judged_on_its_own_years_too():
    candidate, profile = merged_profile(
        all_years("good", 2020, 2024), successor_from=date(2000, 1, 1)
    )
    outcome = rule_ratings(candidate, params(RuleKey.RATINGS, **COLLECTIVE_RATINGS), profile)
    # Xã Mới has no rating of its own for 2020-2024: those years are now unknown.
    assert outcome.verdict == Verdict.UNKNOWN
    assert "2020: chưa có xếp loại" in outcome.facts


# --- cultural village ---------------------------------------------------------------------


def _village(years: list[int], today: date = AFTER):
    village = Candidate(unit=unit(5, UnitKind.VILLAGE, "Thôn 1"))
    profile = facts(today, recognitions={5: {y: f"QĐ {y}" for y in years}})
    return rule_cultural_village(
        village,
        params(RuleKey.CULTURAL_VILLAGE, from_year=2020, to_year=2025, years_required=5),
        profile,
    )


def test_village_recognised_five_years_is_met():
    outcome = _village([2020, 2021, 2022, 2023, 2025])
    assert outcome.verdict == Verdict.MET
    assert "2020: thôn văn hóa (QĐ 2020)" in outcome.facts


def test_village_recognised_four_years_fails_and_lists_the_years_not_recognised():
    outcome = _village([2020, 2021, 2022, 2023])
    assert outcome.verdict == Verdict.NOT_MET
    assert "2024, 2025" in outcome.reason
    assert "2024: không được công nhận" in outcome.facts


def test_village_with_four_years_while_the_last_year_runs_is_not_yet_known():
    outcome = _village([2020, 2021, 2022, 2024], today=DURING)
    assert outcome.verdict == Verdict.UNKNOWN


def test_village_with_three_years_cannot_reach_five_even_while_the_year_runs():
    outcome = _village([2020, 2021, 2022], today=DURING)
    assert outcome.verdict == Verdict.NOT_MET


def test_cultural_village_does_not_apply_to_people():
    outcome = rule_cultural_village(
        Candidate(person=person(1)), params(RuleKey.CULTURAL_VILLAGE), facts()
    )
    assert outcome.verdict == Verdict.UNKNOWN


# --- works --------------------------------------------------------------------------------


def work(pk: int, unit_id: int = 1, **fields) -> Work:
    values = {
        "name": f"Công trình {pk}",
        "status": RegistrationStatus.REGISTERED,
        "progress_status": ProgressStatus.IN_PROGRESS,
        "progress_percent": 50,
        "expected_completion": date(2025, 6, 30),
        **fields,
    }
    return Work(pk=pk, unit_id=unit_id, **values)


ON_TIME = {"progress_status": ProgressStatus.IN_USE, "progress_percent": 100,
           "actual_completion": date(2025, 6, 1), "put_into_use": date(2025, 6, 15)}  # fmt: skip
LATE = {"progress_status": ProgressStatus.IN_USE, "progress_percent": 100,
        "actual_completion": date(2025, 8, 1), "put_into_use": date(2025, 8, 2)}  # fmt: skip


def _works(works: list[Work], today: date = AFTER, candidate=None, **rule_params):
    candidate = candidate or Candidate(unit=unit(1))
    by_unit: dict[int, list[Work]] = {}
    for item in works:
        by_unit.setdefault(item.unit_id, []).append(item)
    return rule_works(
        candidate,
        params(RuleKey.WORKS_COMPLETED_ON_TIME, **rule_params),
        facts(today, works=by_unit),
    )


def test_work_completed_on_time_and_in_use_is_met():
    outcome = _works([work(1, **LATE), work(2, **ON_TIME)])
    assert outcome.verdict == Verdict.MET
    assert "«Công trình 2»" in outcome.reason
    assert "15/06/2025" in outcome.reason


def test_work_completed_late_fails_and_names_the_work():
    outcome = _works([work(1, **LATE)])
    assert outcome.verdict == Verdict.NOT_MET
    assert any("«Công trình 1»" in line and "01/08/2025" in line for line in outcome.facts)


def test_work_put_into_use_after_the_registered_date_fails():
    outcome = _works([work(1, **{**ON_TIME, "put_into_use": date(2025, 7, 10)})])
    assert outcome.verdict == Verdict.NOT_MET


def test_unfinished_work_before_its_date_is_not_yet_known():
    outcome = _works([work(1)], today=DURING)
    assert outcome.verdict == Verdict.UNKNOWN
    assert "50%" in outcome.facts[0]


def test_unfinished_work_after_its_date_fails():
    outcome = _works([work(1)], today=date(2025, 7, 1))
    assert outcome.verdict == Verdict.NOT_MET
    assert "30/06/2025" in outcome.facts[0]


def test_completed_work_not_yet_in_use_waits_until_its_date():
    done = {"progress_status": ProgressStatus.COMPLETED, "actual_completion": date(2025, 5, 1)}
    assert _works([work(1, **done)], today=DURING).verdict == Verdict.UNKNOWN
    assert _works([work(1, **done)], today=AFTER).verdict == Verdict.NOT_MET


def test_work_awaiting_the_commune_is_not_yet_known():
    outcome = _works([work(1, **ON_TIME, status=RegistrationStatus.PENDING)])
    assert outcome.verdict == Verdict.UNKNOWN


def test_no_work_fails_after_the_registration_deadline_and_waits_before_it():
    assert _works([]).verdict == Verdict.NOT_MET
    assert _works([], today=date(2024, 10, 20)).verdict == Verdict.UNKNOWN


def test_village_counts_only_people_funded_works_without_the_date_condition():
    village = Candidate(unit=unit(1, UnitKind.VILLAGE))
    state_funded = work(1, **ON_TIME)
    late_people = work(2, **LATE, people_funded=True)
    outcome = _works(
        [state_funded, late_people], candidate=village, people_funded=True, on_time=False
    )
    assert outcome.verdict == Verdict.MET
    assert "«Công trình 2»" in outcome.reason
    outcome = _works([state_funded], candidate=village, people_funded=True, on_time=False)
    assert outcome.verdict == Verdict.NOT_MET


def test_a_cadre_is_judged_on_the_works_of_the_managing_unit():
    cadre = Candidate(person=person(3, home=unit(1)))
    assert _works([work(1, **ON_TIME)], candidate=cadre).verdict == Verdict.MET


def test_works_of_a_predecessor_count_for_the_merged_unit():
    successor = Candidate(unit=unit(10))
    profile = facts(
        predecessors={10: [Predecessor(11, "Xã Cũ", date(2025, 7, 1), None)]},
        works={11: [work(1, unit_id=11, **ON_TIME)]},
    )
    outcome = rule_works(successor, params(RuleKey.WORKS_COMPLETED_ON_TIME), profile)
    assert outcome.verdict == Verdict.MET


# --- targets, initiatives, contributions, violations, plan --------------------------------


def record(kind: str, year: int, summary: str = "Ghi nhận", outcome: str = "") -> RecordFact:
    return RecordFact(kind, year, summary, outcome, None, "")


def test_targets_every_year_reached_is_met_one_not_reached_fails_a_missing_year_waits():
    village = Candidate(unit=unit(5, UnitKind.VILLAGE))
    p = params(RuleKey.TARGETS, from_year=2024, to_year=2025, outcome="achieved")
    full = [record("target", 2024, outcome="exceeded"), record("target", 2025, outcome="achieved")]
    assert rule_targets(village, p, facts(records={("unit", 5): full})).verdict == Verdict.MET
    bad = [*full, record("target", 2025, "Giảm nghèo", outcome="not_achieved")]
    outcome = rule_targets(village, p, facts(records={("unit", 5): bad}))
    assert outcome.verdict == Verdict.NOT_MET
    assert "Giảm nghèo" in outcome.reason
    missing = rule_targets(village, p, facts(records={("unit", 5): full[:1]}))
    assert missing.verdict == Verdict.UNKNOWN
    exceeded = params(RuleKey.TARGETS, from_year=2024, to_year=2025, outcome="exceeded")
    assert rule_targets(village, exceeded, facts(records={("unit", 5): full})).verdict == (
        Verdict.NOT_MET
    )


def test_initiatives_counted_in_the_range():
    cadre = Candidate(person=person(3))
    p = params(RuleKey.INITIATIVES, from_year=2020, to_year=2025, min_count=1)
    found = facts(records={("person", 3): [record("initiative", 2023, "Sáng kiến A")]})
    outcome = rule_initiatives(cadre, p, found)
    assert outcome.verdict == Verdict.MET
    assert "Sáng kiến A" in outcome.facts[0]
    old = facts(records={("person", 3): [record("initiative", 2019)]})
    assert rule_initiatives(cadre, p, old).verdict == Verdict.NOT_MET
    assert rule_initiatives(cadre, p, facts(DURING)).verdict == Verdict.UNKNOWN


def test_contributions_too_few_fail_once_the_range_is_over():
    commune = Candidate(unit=unit(1))
    p = params(RuleKey.CONTRIBUTIONS, from_year=2024, to_year=2025, min_count=2)
    one = facts(records={("unit", 1): [record("contribution", 2024, "Quỹ vì người nghèo")]})
    assert rule_contributions(commune, p, one).verdict == Verdict.NOT_MET
    assert rule_contributions(commune, p, facts(DURING, records=one.records)).verdict == (
        Verdict.UNKNOWN
    )


def test_no_violations_is_met_when_none_is_recorded_and_lists_those_recorded():
    household = Candidate(person=person(4, PersonKind.HOUSEHOLD))
    p = params(RuleKey.NO_VIOLATIONS, from_year=2020, to_year=2025, kinds=["violation"])
    outcome = rule_no_violations(household, p, facts())
    assert outcome.verdict == Verdict.MET
    assert "Không" in outcome.reason
    profile = facts(
        records={
            ("person", 4): [
                record("violation", 2023, "Tảo hôn"),
                record("complaint", 2024, "Khiếu kiện"),
            ]
        }
    )
    outcome = rule_no_violations(household, p, profile)
    assert outcome.verdict == Verdict.NOT_MET
    assert len(outcome.facts) == 1
    assert "Tảo hôn" in outcome.facts[0]


def test_unit_plan_issued():
    commune = Candidate(unit=unit(1))
    issued = UnitPlan(
        unit_id=1, status=PlanStatus.ISSUED, document_number="01/KH", issued_date=date(2024, 10, 15)
    )
    pending = UnitPlan(unit_id=1, status=PlanStatus.PENDING)
    assert rule_unit_plan(commune, {}, facts(plans={1: issued})).verdict == Verdict.MET
    assert rule_unit_plan(commune, {}, facts(DURING, plans={1: pending})).verdict == (
        Verdict.UNKNOWN
    )
    assert rule_unit_plan(commune, {}, facts(plans={1: pending})).verdict == Verdict.NOT_MET
    assert rule_unit_plan(commune, {}, facts()).verdict == Verdict.NOT_MET


# --- parameters ---------------------------------------------------------------------------


def test_params_are_validated_and_named():
    with pytest.raises(Exception) as caught:
        clean_params(RuleKey.RATINGS, {"from_year": 2026, "to_year": 2020, "min_level": "best"})
    assert set(caught.value.message_dict) == {"to_year", "min_level"}
    assert clean_params(RuleKey.CULTURAL_VILLAGE, {"years_required": "4"})["years_required"] == 4
    assert "2020–2025" in describe_params(RuleKey.RATINGS, CADRE_RATINGS)


# --- on the database: evaluate_many ---------------------------------------------------------


def _rate(target, year: int, level: str) -> None:
    field = "person" if isinstance(target, Person) else "unit"
    AnnualRating.objects.create(
        **{field: target},
        year=year,
        level=level,
        recorded_at=timezone.now(),
        document_reference="x",
    )


@pytest.fixture
def movement(world):
    from thidua.testing import launched_movement

    movement = launched_movement(world)
    sets.criterion_sets_for_movement(movement=movement, actor=world.home_affairs)
    return movement


@pytest.mark.django_db
def test_merged_commune_history_on_the_database(world, movement):
    merged = Unit.objects.create(
        kind=UnitKind.COMMUNE, code="XM", name="Xã Mới", full_name="Xã Mới", parent=world.district
    )
    for old in (world.commune_a, world.commune_b):
        UnitSuccession.objects.create(
            predecessor=old, successor=merged, kind="merge", effective_date=date(2025, 7, 1)
        )
    for year in range(2020, 2025):
        _rate(world.commune_a, year, "good")
        _rate(world.commune_b, year, "completed" if year == 2022 else "excellent")
    _rate(merged, 2025, "good")
    result = evaluate_candidate(movement, unit=merged, today=AFTER)
    ratings = next(r for r in result.results if r.criterion.rule == RuleKey.RATINGS)
    assert ratings.verdict == Verdict.NOT_MET
    assert ratings.reason == "2022 (Xã B): chỉ hoàn thành nhiệm vụ"


@pytest.mark.django_db
def test_attested_criteria_met_not_met_and_none(world, movement):
    cadre = Person.objects.create(unit=world.commune_a, full_name="Lò Văn A", kind="cadre")
    criterion_set = sets.criterion_set_for(movement, CandidateType.CADRE)
    attested = list(criterion_set.criteria.filter(kind=CriterionKind.ATTESTED))
    first, second = attested[0], attested[1]
    sets.attestation_record(
        actor=world.officer_a, criterion=first, movement=movement, person=cadre,
        verdict="not_met", note="Chưa tiêu biểu", document_reference="BB 01",
    )  # fmt: skip
    sets.attestation_record(
        actor=world.home_affairs, criterion=first, movement=movement, person=cadre,
        verdict="met", note="Tiêu biểu của xã", document_reference="BB 02",
    )  # fmt: skip
    sets.attestation_record(
        actor=world.officer_a, criterion=second, movement=movement, person=cadre,
        verdict="not_met", note="Gia đình vi phạm hương ước", document_reference="BB 03",
    )  # fmt: skip
    result = evaluate_candidate(movement, person=cadre)
    by_id = {r.criterion.pk: r for r in result.results}
    assert by_id[first.pk].verdict == Verdict.MET  # the latest counts
    assert "Tiêu biểu của xã" in by_id[first.pk].reason
    assert by_id[first.pk].facts == ("BB 02",)
    assert by_id[second.pk].verdict == Verdict.NOT_MET
    others = [r for r in result.results if r.criterion.kind == CriterionKind.ATTESTED][2:]
    assert all(r.verdict == Verdict.UNKNOWN and r.reason == "Chưa có xác nhận." for r in others)


@pytest.mark.django_db
def test_attestations_carry_over_to_a_new_version_until_the_wording_changes(world, movement):
    criterion_set = sets.criterion_set_for(movement, CandidateType.COMMUNE_OR_TOWN)
    criterion = criterion_set.criteria.filter(kind=CriterionKind.ATTESTED).first()
    sets.attestation_record(
        actor=world.home_affairs, criterion=criterion, movement=movement, unit=world.commune_a,
        verdict="met", note="Đạt", document_reference="BB 01",
    )  # fmt: skip
    version_2 = sets.criterion_set_new_version(
        criterion_set=criterion_set, actor=world.home_affairs
    )
    copy = version_2.criteria.get(code=criterion.code)

    def verdict() -> str:
        result = evaluate_candidate(movement, unit=world.commune_a)
        assert result.criterion_set == version_2
        return next(r.verdict for r in result.results if r.criterion.pk == copy.pk)

    assert verdict() == Verdict.MET
    sets.criterion_update(criterion=copy, actor=world.home_affairs, data={"text": "Nội dung mới."})
    assert verdict() == Verdict.UNKNOWN


@pytest.mark.django_db
def test_evaluate_many_costs_a_fixed_number_of_queries(world, movement, django_assert_num_queries):
    def candidates(n: int) -> list:
        people = [
            Person.objects.create(unit=world.commune_a, full_name=f"Người {i}", kind="cadre")
            for i in range(n)
        ]
        for p in people:
            _rate(p, 2023, "excellent")
        loaded = list(Person.objects.select_related("unit").filter(pk__in=[p.pk for p in people]))
        return [world.commune_a, world.village_a1, world.commune_b, *loaded]

    small = candidates(2)
    with django_assert_num_queries(10):
        evaluate_many(movement, small)
    large = candidates(30)
    with django_assert_num_queries(10):
        result = evaluate_many(movement, large)
    assert len(result) == len(large)


@pytest.mark.django_db
def test_criteria_of_the_plan_are_computed_where_facts_allow(world, movement):
    computed = dict(
        Criterion.objects.filter(criterion_set__movement=movement, kind="computed").values_list(
            "criterion_set__candidate_type", "rule"
        )
    )
    assert set(computed) >= {
        CandidateType.COMMUNE_OR_TOWN,
        CandidateType.VILLAGE,
        CandidateType.CADRE,
    }
    village = sets.criterion_set_for(movement, CandidateType.VILLAGE)
    cultural = village.criteria.get(rule=RuleKey.CULTURAL_VILLAGE)
    assert cultural.params["years_required"] == 5
    cadre = sets.criterion_set_for(movement, CandidateType.CADRE)
    rating = cadre.criteria.get(rule=RuleKey.RATINGS)
    assert rating.params["excellent_at_least"] == 2
    assert FactKind.VIOLATION in cadre.criteria.get(code="7").params["kinds"]


def _fact(target, kind: str, year: int, summary: str = "Ghi nhận", outcome: str = "") -> None:
    from thidua.criteria.models import FactRecord

    field = "person" if isinstance(target, Person) else "unit"
    FactRecord.objects.create(
        **{field: target}, kind=kind, year=year, summary=summary, outcome=outcome,
        document_reference="VB", recorded_at=timezone.now(),
    )  # fmt: skip


@pytest.mark.django_db
def test_each_candidate_type_is_evaluated_against_its_plan_set(world, movement):
    from thidua.criteria.models import CulturalVillageRecognition
    from thidua.testing import UnitFactory, WorkFactory

    commune, village, agency = world.commune_a, world.village_a1, world.home_affairs_office
    enterprise = UnitFactory(kind=UnitKind.ENTERPRISE, name="Công ty A", parent=world.district)
    cadre = Person.objects.create(unit=commune, full_name="Cán bộ", kind="civil_servant")
    worker = Person.objects.create(unit=village, full_name="Trưởng thôn", kind="village_worker")
    household = Person.objects.create(unit=village, full_name="Hộ B", kind="household")
    # Commune: every computed criterion met.
    for year in range(2020, 2026):
        _rate(commune, year, "good")
        _rate(agency, year, "good")
        _rate(cadre, year, "excellent" if year in (2021, 2023) else "good")
        _fact(village, "target", year, "Chỉ tiêu thôn", "achieved")
        if year != 2022:
            CulturalVillageRecognition.objects.create(
                unit=village, year=year, document_reference="QĐ", recorded_at=timezone.now()
            )
    _fact(commune, "target", 2025, "Chỉ tiêu 2025", "exceeded")
    _fact(commune, "contribution", 2024, "Quỹ vì người nghèo")
    UnitPlan.objects.filter(movement=movement, unit=commune).update(
        status=PlanStatus.ISSUED, document_number="05/KH-UBND", issued_date=date(2024, 10, 20)
    )
    in_use = {"progress_status": ProgressStatus.IN_USE, "progress_percent": 100}
    WorkFactory(movement=movement, unit=commune, actual_completion=date(2025, 6, 1),
                put_into_use=date(2025, 6, 15), **in_use)  # fmt: skip
    WorkFactory(movement=movement, unit=village, people_funded=True,
                actual_completion=date(2025, 8, 1), put_into_use=date(2025, 8, 1), **in_use)  # fmt: skip
    _fact(cadre, "initiative", 2022, "Sáng kiến số hóa hồ sơ")
    _fact(cadre, "target", 2024, "Nhiệm vụ 2024", "exceeded")
    _fact(cadre, "target", 2025, "Nhiệm vụ 2025", "exceeded")
    _fact(enterprise, "violation", 2023, "Chậm nộp thuế")
    _fact(household, "violation", 2024, "Vi phạm hương ước")

    candidates = [commune, agency, enterprise, village]
    candidates += list(Person.objects.select_related("unit").order_by("pk"))
    result = evaluate_many(movement, candidates, today=AFTER)

    def counts(obj) -> tuple[int, int, int]:
        key = ("person", obj.pk) if isinstance(obj, Person) else ("unit", obj.pk)
        evaluation = result[key]
        return evaluation.met, evaluation.not_met, evaluation.unknown

    assert counts(commune) == (6, 0, 3)  # the three attested criteria are not yet known
    assert counts(agency) == (2, 2, 5)  # no works, no contribution; 2025 targets unknown
    assert counts(enterprise) == (0, 1, 3)
    assert counts(village) == (5, 0, 2)
    assert counts(cadre) == (5, 0, 2)
    assert counts(worker) == (1, 0, 3)
    assert counts(household) == (0, 1, 3)
    assert (
        result[("unit", commune.pk)].criterion_set.candidate_type == CandidateType.COMMUNE_OR_TOWN
    )
    assert result[("person", worker.pk)].criterion_set.candidate_type == (
        CandidateType.VILLAGE_WORKER
    )


# --- awards from the register -----------------------------------------------------------


def award(year: int, form: str = "Giấy khen của Chủ tịch UBND huyện") -> AwardFact:
    return AwardFact(year, form, f"{year - 2000}/QĐ-UBND", date(year, 6, 15))


def test_awards_received_met_with_the_decisions_named():
    commune = Candidate(unit=unit(1))
    profile = facts(awards={("unit", 1): [award(2019), award(2021), award(2023)]})
    outcome = rule_awards_received(commune, params(RuleKey.AWARDS_RECEIVED, min_count=2), profile)
    assert outcome.verdict == Verdict.MET
    # 2019 is outside 2020-2025 and does not count.
    assert len(outcome.facts) == 2
    assert "21/QĐ-UBND" in outcome.facts[0]


def test_awards_received_not_met_once_the_period_is_over_unknown_while_it_runs():
    commune = Candidate(unit=unit(1))
    data = {"awards": {("unit", 1): [award(2021)]}}
    rule = params(RuleKey.AWARDS_RECEIVED, min_count=2)
    assert rule_awards_received(commune, rule, facts(**data)).verdict == Verdict.NOT_MET
    during = rule_awards_received(commune, rule, facts(DURING, **data))
    assert during.verdict == Verdict.UNKNOWN


def test_awards_of_a_predecessor_count_before_the_merger():
    successor = Candidate(unit=unit(10))
    profile = facts(
        predecessors={10: [Predecessor(11, "Xã Cũ", date(2025, 7, 1), None)]},
        unit_names={10: "Xã Mới", 11: "Xã Cũ"},
        awards={("unit", 11): [award(2022)]},
    )
    outcome = rule_awards_received(successor, params(RuleKey.AWARDS_RECEIVED), profile)
    assert outcome.verdict == Verdict.MET
    assert "(Xã Cũ)" in outcome.facts[0]


@pytest.mark.django_db
def test_revoked_awards_do_not_count(world):
    from thidua.award_catalogue.models import AwardForm
    from thidua.awards.models import Award

    form = AwardForm.objects.create(
        code="gk", name="Giấy khen", kind="commendation", recipient="both"
    )
    movement = Movement.objects.create(
        title="Phong trào", issuing_unit=world.district, signer_name="A", purposes="-",
        requirements="-", theme="-", goal="-", start_date=date(2024, 10, 1),
        end_date=date(2025, 12, 31), created_by=world.home_affairs,
    )  # fmt: skip
    common = {"award_form": form, "unit": world.commune_a, "recipient_name": "Xã A",
              "deciding_office": "district_chairman"}  # fmt: skip
    Award.objects.create(**common, decision_number="1/QĐ", decided_on=date(2022, 5, 1))
    Award.objects.create(
        **common, decision_number="2/QĐ", decided_on=date(2023, 5, 1),
        revoked_on=date(2024, 1, 1), revocation_reason="Khai man",
    )  # fmt: skip
    criterion = Criterion(
        code="x", text="Khen thưởng", kind=CriterionKind.COMPUTED,
        rule=RuleKey.AWARDS_RECEIVED, params=params(RuleKey.AWARDS_RECEIVED, min_count=2),
    )  # fmt: skip
    facts_loaded = load_facts(
        movement, [Candidate(unit=world.commune_a)], criteria=[criterion], today=AFTER
    )
    assert [a.decision_number for a in facts_loaded.awards[("unit", world.commune_a.pk)]] == [
        "1/QĐ"
    ]
    outcome = rule_awards_received(Candidate(unit=world.commune_a), criterion.params, facts_loaded)
    assert outcome.verdict == Verdict.NOT_MET
