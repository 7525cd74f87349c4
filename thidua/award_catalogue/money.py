"""The one rule that turns a base salary and a multiple into award money.

Every place that shows, totals or records award money (the award register, the budget, draft
and signed decisions, the payment list, the documents) gets its amounts from here, through
``selectors.award_amount``/``money_on`` or ``awards.selectors.budget.MoneyRates``.
"""

from decimal import ROUND_CEILING, Decimal


def award_money(base_salary: Decimal, multiple: Decimal, round_up_to: Decimal) -> Decimal:
    """Base salary × multiple, rounded **up** to a multiple of ``round_up_to`` đồng.

    Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2 (and Nghị định 98/2023/NĐ-CP before 1/7/2025):
    the money after multiplying by the base salary is rounded up to the nearest ten thousand
    đồng. The step is data (``MoneyMultiple.round_up_to``), cited with the multiple's decree:
    0,3 × 2.340.000 = 702.000 → 710.000 đ.
    """
    raw = Decimal(base_salary) * Decimal(multiple)
    step = Decimal(round_up_to)
    if step <= 0:  # the database refuses it; never divide by it
        raise ValueError("round_up_to must be positive")
    return (raw / step).to_integral_value(rounding=ROUND_CEILING) * step
