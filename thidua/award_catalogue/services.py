"""Writes of award reference data."""

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.award_catalogue import reference
from thidua.award_catalogue.models import Authority, AwardForm, BaseSalary, MoneyMultiple
from thidua.core.audit import save_attributed

M = TypeVar("M", bound=models.Model)


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
    model: type[M],
    *,
    key: dict[str, Any],
    values: dict[str, Any],
    overwrite: bool,
    actor: User | None,
    result: LoadResult,
) -> M | None:
    obj = model._default_manager.filter(**key).first()
    if obj is None:
        obj = model(**key, **values)
        try:
            obj.full_clean()
        except ValidationError as error:
            result.skipped.append(f"{obj}: {'; '.join(error.messages)}")
            return None
        save_attributed(obj, actor=actor, reason=_("Award reference data loaded"))
        result.created += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        result.unchanged += 1
    elif overwrite:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        save_attributed(obj, actor=actor, reason=_("Award reference data loaded"))
        result.updated += 1
    else:
        result.kept.append(str(obj))
    return obj


@transaction.atomic
def load_award_reference(*, overwrite: bool = False, actor: User | None = None) -> LoadResult:
    """Create the seeded reference rows that are missing; rows already present keep their
    values (admin corrections) unless ``overwrite``. Running it twice changes nothing."""
    result = LoadResult()
    forms: dict[str, AwardForm | None] = {}
    for form_row in reference.FORMS:
        forms[form_row.code] = _upsert(
            AwardForm,
            key={"code": form_row.code},
            values={
                "name": form_row.name,
                "kind": str(form_row.kind),
                "recipient": str(form_row.recipient),
                "position": form_row.position,
                "legal_source": form_row.legal_source,
            },
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    for multiple_row in reference.MULTIPLES:
        if forms.get(multiple_row.form) is None:
            continue
        _upsert(
            MoneyMultiple,
            key={
                "award_form": forms[multiple_row.form],
                "recipient": multiple_row.recipient,
                "valid_from": multiple_row.valid_from,
            },
            values={
                "multiple": multiple_row.multiple,
                "round_up_to": multiple_row.round_up_to,
                "valid_to": multiple_row.valid_to,
                "legal_source": multiple_row.legal_source,
            },
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    for salary_row in reference.BASE_SALARIES:
        _upsert(
            BaseSalary,
            key={"valid_from": salary_row.valid_from},
            values={
                "amount": salary_row.amount,
                "valid_to": salary_row.valid_to,
                "legal_source": salary_row.legal_source,
            },
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    for authority_row in reference.AUTHORITIES:
        if forms.get(authority_row.form) is None:
            continue
        _upsert(
            Authority,
            key={
                "deciding_office": authority_row.office,
                "award_form": forms[authority_row.form],
                "unit_level": authority_row.level,
                "valid_from": authority_row.valid_from,
            },
            values={"valid_to": authority_row.valid_to, "legal_source": authority_row.legal_source},
            overwrite=overwrite,
            actor=actor,
            result=result,
        )
    return result
