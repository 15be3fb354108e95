"""Money arithmetic in Decimal: currency conversion at fixed rates and exact co-financing splits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
# 1 EUR = 3.45280 LTL, fixed irrevocably by the EU Council on 23 July 2014 (peg since 2 February 2002).
FIXED_RATES_PER_EUR: dict[str, Decimal] = {"EUR": Decimal("1"), "LTL": Decimal("3.45280")}
ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}


class MoneyError(ValueError):
    """An amount, rate or currency that cannot be used."""


def to_cents(amount: Decimal) -> Decimal:
    """Round half up to the cent, as conversions must."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def convert(amount: Decimal, source: str, target: str) -> Decimal:
    """Convert between currencies with fixed rates to EUR, rounding half up to the cent."""
    try:
        source_rate = FIXED_RATES_PER_EUR[source]
        target_rate = FIXED_RATES_PER_EUR[target]
    except KeyError as error:
        raise MoneyError(f"No fixed rate for {error.args[0]}") from None
    if source == target:
        return to_cents(amount)
    # Divide first then multiply in full precision; round only once at the end.
    return to_cents(amount / source_rate * target_rate)


@dataclass(frozen=True)
class Split:
    """A total split into the fund's share and the partner's own contribution."""

    total: Decimal
    fund: Decimal
    own: Decimal
    exact_fund: Decimal  # the share before rounding, shown so rounding is never hidden


def split(total: Decimal, rate: Decimal, quantum: Decimal = CENT, rounding: str = "half_up") -> Split:
    """Split a total at a fund rate; the own contribution is the remainder, so the parts add up exactly."""
    if not Decimal("0") <= rate <= Decimal("1"):
        raise MoneyError("The fund rate must be between 0 and 1.")
    if total < 0:
        raise MoneyError("A total to split cannot be negative.")
    if rounding not in ROUNDING_MODES:
        raise MoneyError(f"Unknown rounding {rounding!r}.")
    if quantum <= 0:
        raise MoneyError("The rounding step must be positive.")
    exact = total * rate
    # Round to a multiple of the step (0.01, 1, 100...), not to the step's number of decimals.
    steps = (exact / quantum).to_integral_value(rounding=ROUNDING_MODES[rounding])
    fund = (steps * quantum).quantize(CENT)
    fund = min(fund, total)
    return Split(total=total, fund=fund, own=total - fund, exact_fund=exact)


def convert_split(parts: Split, source: str, target: str) -> Split:
    """Convert a split; the converted own share is again the remainder, so it still adds up."""
    total = convert(parts.total, source, target)
    fund = min(convert(parts.fund, source, target), total)
    return Split(total=total, fund=fund, own=total - fund, exact_fund=convert(parts.exact_fund, source, target))


def allocate(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Share a total by weights in cents; the largest remainders get the leftover cents, so the sum is exact."""
    if not weights or sum(weights) <= 0:
        raise MoneyError("Weights must be positive.")
    cents = int((total / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    weight_sum = sum(weights)
    raw = [Decimal(cents) * w / weight_sum for w in weights]
    floors = [int(r.to_integral_value(rounding=ROUND_DOWN)) for r in raw]
    leftover = cents - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[:leftover]:
        floors[i] += 1
    return [Decimal(f) * CENT for f in floors]
