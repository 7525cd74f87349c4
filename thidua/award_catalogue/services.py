"""Writes of award reference data."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from thidua.award_catalogue import reference
from thidua.award_catalogue.models import Authority, AwardForm, BaseSalary, MoneyMultiple
from thidua.core.audit import save_attributed


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Rows that differ from the seed and were kept (an admin's correction).
    kept: list[str] = field(default_factory=list)
    # Seed rows not created because they clash with a corrected row (e.g. an overlapping period).
    skipped: list[str] = field(default_factory=list)


def _upsert(
    model: type[models.Model],
    *,
    key: dict[str, Any],
    values: dict[str, Any],
    overwrite: bool,
    actor,
    result: LoadResult,
) -> models.Model | None:
    obj = model.objects.filter(**key).first()
    if obj is None:
        obj = model(**key, **values)
        try:
            obj.full_clean()
        except ValidationError as error:
            result.skipped.append(f"{obj}: {'; '.join(error.messages)}")
            return None
        save_attributed(obj, actor=actor, reason="load_award_reference")
        result.created += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        result.unchanged += 1
    elif overwrite:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        save_attributed(obj, actor=actor, reason="load_award_reference --overwrite")
        result.updated += 1
    else:
        result.kept.append(str(obj))
    return obj


@transaction.atomic
def load_award_reference(*, overwrite: bool = False, actor=None) -> LoadResult:
    """Create the seeded reference rows that are missing; rows already present keep their
    values (admin corrections) unless ``overwrite``. Running it twice changes nothing."""
    result = LoadResult()
    forms: dict[str, AwardForm | None] = {}
    for row in reference.FORMS:
        forms[row.code] = _upsert(
            AwardForm,
            key={"code": row.code},
            values={
                "name": row.name,
                "kind": str(row.kind),
                "recipient": str(row.recipient),
                "position": row.position,
                "legal_source": row.legal_source,
            },
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    for row in reference.MULTIPLES:
        if forms.get(row.form) is None:
            continue
        _upsert(
            MoneyMultiple,
            key={"award_form": forms[row.form], "valid_from": row.valid_from},
            values={
                "multiple": row.multiple,
                "valid_to": row.valid_to,
                "legal_source": row.legal_source,
            },
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    for row in reference.BASE_SALARIES:
        _upsert(
            BaseSalary,
            key={"valid_from": row.valid_from},
            values={
                "amount": row.amount,
                "valid_to": row.valid_to,
                "legal_source": row.legal_source,
            },
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    for row in reference.AUTHORITIES:
        if forms.get(row.form) is None:
            continue
        _upsert(
            Authority,
            key={
                "deciding_office": row.office,
                "award_form": forms[row.form],
                "unit_level": row.level,
                "valid_from": row.valid_from,
            },
            values={"valid_to": row.valid_to, "legal_source": row.legal_source},
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    return result
