"""Resolving a sheet's «Đơn vị» cell to a unit without a query per row.

Shared by the imports that name a unit in each row (works, annual ratings): the whole
directory is read once, and a cell may hold a code, an exact short or full name (case and
accents ignored), or the template drop-down's "Name (CODE)".
"""

import re
from dataclasses import dataclass

from thidua.core.text import fold
from thidua.units.models import Unit

_BRACKETED_CODE = re.compile(r"\(([^()]+)\)\s*$")


def unit_option(unit: Unit) -> str:
    """How a template's drop-down names a unit; the import reads the code in brackets."""
    return f"{unit.name} ({unit.code})"


@dataclass(frozen=True)
class UnitInfo:
    pk: int
    code: str
    name: str
    kind: str
    parent_id: int | None

    @classmethod
    def of(cls, unit: Unit) -> "UnitInfo":
        return cls(unit.pk, unit.code, unit.name, unit.kind, unit.parent_id)

    def as_unit(self) -> Unit:
        return Unit(
            pk=self.pk, code=self.code, name=self.name, kind=self.kind, parent_id=self.parent_id
        )


class UnitDirectory:
    """Every unit once (id, code, names, kind, parent), in one query."""

    def __init__(self) -> None:
        self.by_code: dict[str, UnitInfo] = {}
        self.by_name: dict[str, list[UnitInfo]] = {}
        rows = Unit.objects.order_by().values_list(
            "id", "code", "name", "full_name", "kind", "parent_id"
        )
        for pk, code, name, full_name, kind, parent_id in rows:
            info = UnitInfo(pk, code, name, kind, parent_id)
            self.by_code[fold(code)] = info
            for key in {fold(name), fold(full_name)}:
                self.by_name.setdefault(key, []).append(info)

    def find(self, text: str) -> list[UnitInfo]:
        """Units a cell may mean: a code wins, then an exact name, then "Name (CODE)"."""
        key = fold(text)
        if key in self.by_code:
            return [self.by_code[key]]
        if key in self.by_name:
            return self.by_name[key]
        bracketed = _BRACKETED_CODE.search(text)
        if bracketed and fold(bracketed.group(1)) in self.by_code:
            return [self.by_code[fold(bracketed.group(1))]]
        return []
