"""A long reason (a revocation's, a returned dossier's) fits the history's 100-character
column: PostgreSQL refuses a longer value, SQLite would keep it silently."""

import pytest

from thidua.core.audit import save_attributed
from thidua.testing import UnitFactory


@pytest.mark.django_db
def test_long_reasons_are_shortened_to_fit_the_history(world):
    unit = UnitFactory(code="DAI", name="Đơn vị")
    unit.name = "Đơn vị đổi tên"
    save_attributed(unit, actor=world.home_affairs, reason="Lý do rất dài " * 20)
    reason = unit.history.latest().history_change_reason
    assert len(reason) == 100 and reason.endswith("…")
