"""Read-side figures: the money table, budget against spent, indicator progress, the timeline."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from creativepoles.analysis.money import Split, convert, convert_split, to_cents
from creativepoles.core.models import City
from creativepoles.programme import registry
from creativepoles.programme.models import BudgetLine, CostCategory, Expenditure, Indicator, Partner, Project

ZERO = Decimal("0.00")


def other_currency(currency: str) -> str:
    """The currency shown beside a decided amount."""
    return "EUR" if currency != "EUR" else "LTL"


@dataclass
class DualAmount:
    """An amount in the currency it was decided in, the derived counter-value, and any stated one."""

    amount: Decimal
    currency: str
    derived: Decimal
    derived_currency: str
    stated: Decimal | None = None

    @property
    def difference(self) -> Decimal | None:
        """Stated minus derived, when the source states a counter-value that disagrees."""
        if self.stated is None or self.stated == self.derived:
            return None
        return self.stated - self.derived

    @property
    def shown_other(self) -> Decimal:
        """The counter-value to show: the stated one when the source gives it (the difference is shown too)."""
        return self.stated if self.stated is not None else self.derived


def dual(amount: Decimal, currency: str, stated: Decimal | None = None, target: str | None = None) -> DualAmount:
    """Wrap an amount with its derived counter-value."""
    target = target or other_currency(currency)
    return DualAmount(amount, currency, convert(amount, currency, target), target, stated)


@dataclass
class PartnerMoney:
    """One partner's budget, co-financing and spending."""

    partner: Partner
    budget: DualAmount
    split: Split | None
    split_eur: Split | None
    spent: Decimal
    spent_eur: Decimal
    certified: Decimal
    by_category: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    by_period: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)

    @property
    def spent_share(self) -> Decimal:
        if not self.budget.amount:
            return ZERO
        return (self.spent / self.budget.amount * 100).quantize(Decimal("0.1"))


def partner_money(project: Project, partners: Any = None) -> list[PartnerMoney]:
    """Budget against spent per partner, cost category and period, in each partner's currency."""
    partners = list(
        (partners if partners is not None else project.partners.all())
        .select_related("organisation__city", "cofinancing")
        .order_by("number")
    )
    ids = [p.pk for p in partners]
    lines: dict[int, list[tuple[str, int | None, Decimal]]] = defaultdict(list)
    for row in BudgetLine.objects.filter(partner_id__in=ids).values_list(
        "partner_id", "category", "period__number", "amount"
    ):
        lines[row[0]].append((row[1], row[2], row[3]))
    spent: dict[int, list[tuple[str, int, Decimal, str]]] = defaultdict(list)
    for row in Expenditure.objects.filter(partner_id__in=ids, deleted_at__isnull=True).values_list(
        "partner_id", "category", "period__number", "amount", "currency"
    ):
        spent[row[0]].append((row[1], row[2], row[3], row[4]))
    certified = dict(
        project.partners.filter(pk__in=ids).values_list("pk").annotate(total=Sum("reports__certified_amount"))
    )
    out = []
    for partner in partners:
        cur = partner.currency
        by_category: dict[str, list[Decimal]] = {c: [ZERO, ZERO] for c in CostCategory.values}
        by_period: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
        total = ZERO
        for category, period, amount in lines[partner.pk]:
            total += amount
            by_category[category][0] += amount
            if period is not None:
                by_period[period][0] += amount
        spent_total = ZERO
        for category, period, amount, currency in spent[partner.pk]:
            value = convert(amount, currency, cur)
            spent_total += value
            by_category[category][1] += value
            by_period[period][1] += value
        cofinancing = getattr(partner, "cofinancing", None)
        split = cofinancing.split(total) if cofinancing else None
        out.append(PartnerMoney(
            partner=partner,
            budget=dual(total, cur, target="EUR" if cur != "EUR" else "LTL"),
            split=split,
            split_eur=convert_split(split, cur, "EUR") if split else None,
            spent=spent_total,
            spent_eur=convert(spent_total, cur, "EUR"),
            certified=to_cents(certified.get(partner.pk) or ZERO),
            by_category={k: (v[0], v[1]) for k, v in by_category.items()},
            by_period={k: (v[0], v[1]) for k, v in sorted(by_period.items())},
        ))
    return out


def project_total(project: Project) -> DualAmount:
    """The project's total budget with its derived and stated counter-values."""
    return dual(project.total_amount, project.total_currency, project.stated_other_amount)


@dataclass
class IndicatorProgress:
    """An indicator with its achieved value, per city, and how it is counted."""

    indicator: Indicator
    achieved: Decimal
    per_city: list[tuple[City, Decimal]]
    counted_by: str  # the module's name, or "manual"

    @property
    def percent(self) -> Decimal:
        target = self.indicator.target - self.indicator.baseline
        if target <= 0:
            return Decimal("100")
        return min(Decimal("100"), ((self.achieved - self.indicator.baseline) / target * 100).quantize(Decimal("1")))


def indicator_progress(project: Project, city: City | None = None) -> list[IndicatorProgress]:
    """Achieved values, live from the registered counters or summed from manual values."""
    cities = list(City.objects.filter(organisations__partnerships__project=project).distinct().order_by("name_en"))
    if city is not None:
        cities = [c for c in cities if c.pk == city.pk]
    manual: dict[tuple[int, int | None], Decimal] = defaultdict(lambda: ZERO)
    for indicator_id, city_id, value in project.indicators.values_list(
        "pk", "manual_values__city_id", "manual_values__value"
    ):
        if value is not None:
            manual[(indicator_id, city_id)] += value
    out = []
    for indicator in project.indicators.all():
        provider = registry.get(indicator.provider)
        if provider is not None:
            if provider.count_cities is not None:
                # One grouped query instead of one per city: the dashboard's queries stay flat as cities join.
                counted = provider.count_cities(project, cities)
                per_city = [(c, Decimal(counted.get(c.pk, 0))) for c in cities]
            else:
                per_city = [(c, Decimal(provider.count(project, c))) for c in cities]
            # For one city the per-city value is the answer; only the whole project needs its own count.
            achieved = per_city[0][1] if city is not None and per_city else Decimal(provider.count(project, city))
            counted_by = provider.module
        else:
            per_city = [(c, manual[(indicator.pk, c.pk)]) for c in cities]
            if city is None:
                achieved = sum((v for (i, _c), v in manual.items() if i == indicator.pk), ZERO)
            else:
                achieved = manual[(indicator.pk, city.pk)]
            counted_by = "manual"
        out.append(IndicatorProgress(indicator, achieved, per_city, counted_by))
    return out


def timeline(project: Project, today: dt.date | None = None) -> dict[str, Any]:
    """Phases and periods with today's position, on a 0–1000 scale of the whole timeline."""
    today = today or dt.date.today()
    start, end = project.start_date, project.end_date
    span = (end - start).days + 1

    def share(day: dt.date) -> float:
        # Positions on a 0–1000 scale: the dashboard draws them into an SVG 1000 units wide.
        return round(max(0.0, min(1000.0, (day - start).days / span * 1000)), 1)

    return {
        "start": start,
        "end": end,
        "today": today,
        "today_share": share(today),
        "finished": today > end,
        "phases": [
            {"label": label, "start": s, "end": e, "left": share(s), "width": share(e + dt.timedelta(days=1)) - share(s)}
            for label, s, e in project.phases()
        ],
        "periods": [
            {"period": p, "left": share(p.start), "width": share(p.end + dt.timedelta(days=1)) - share(p.start),
             "current": p.contains(today)}
            for p in project.periods.all()
        ],
    }
