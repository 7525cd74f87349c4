"""The criteria app's tables, by job: ``facts`` (people, annual ratings, cultural-village
recognitions, fact records) and ``criterion_sets`` (criterion sets, criteria, attestations).
Every name is re-exported here: callers write ``from thidua.criteria.models import Person``."""

from thidua.criteria.models.criterion_sets import (
    COLLECTIVE_TYPES,
    PERSON_KIND_TYPES,
    UNIT_KIND_TYPES,
    Attestation,
    AttestationVerdict,
    CandidateType,
    Criterion,
    CriterionKind,
    CriterionSet,
    RuleKey,
    candidate_type_of,
)
from thidua.criteria.models.facts import (
    FIRST_YEAR,
    RATING_RANK,
    AnnualRating,
    CulturalVillageRecognition,
    FactKind,
    FactRecord,
    Person,
    PersonKind,
    RatingLevel,
    TargetOutcome,
)
from thidua.criteria.models.people_stats import Ethnicity, Sex

__all__ = [
    "Ethnicity",
    "Sex",
    "COLLECTIVE_TYPES",
    "FIRST_YEAR",
    "PERSON_KIND_TYPES",
    "RATING_RANK",
    "UNIT_KIND_TYPES",
    "AnnualRating",
    "Attestation",
    "AttestationVerdict",
    "CandidateType",
    "Criterion",
    "CriterionKind",
    "CriterionSet",
    "CulturalVillageRecognition",
    "FactKind",
    "FactRecord",
    "Person",
    "PersonKind",
    "RatingLevel",
    "RuleKey",
    "TargetOutcome",
    "candidate_type_of",
]
