"""Read-side figures: the money table, budget against spent, indicator progress, the timeline."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from creativepoles.analysis.money import Split, convert, convert_split, to_cents
from creativepoles.core.models import City
from creativepoles.programme import registry
from creativepoles.programme.models import (
    BudgetLine,
    CostCategory,
    Expenditure,
    Indicator,
    Partner,
    PartnerReport,
    Project,
)

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


def thresholds() -> tuple[Decimal, Decimal]:
    """The warning and over-budget shares in percent, from the settings (90 % and 100 % by default)."""
    return Decimal(settings.SPENDING_WARN_PERCENT), Decimal(settings.SPENDING_ALERT_PERCENT)


def flexibility(category: str) -> Decimal:
    """How far (percent of its budget) a cost category may exceed it while the partner's total stays within."""
    overrides: dict[str, int] = getattr(settings, "BUDGET_FLEXIBILITY_BY_CATEGORY", {})
    return Decimal(overrides.get(category, settings.BUDGET_FLEXIBILITY_PERCENT))


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Part as a percentage of whole to one decimal; None when there is no budget to measure against."""
    if not whole:
        return None
    return (part / whole * 100).quantize(Decimal("0.1"))


def format_share(value: Decimal | None) -> str:
    """A share for a sentence in the reader's locale: 141 or 82,5 (no trailing .0)."""
    if value is None:
        return ""
    return number_format(value.quantize(Decimal(1)) if value == value.to_integral() else value, use_l10n=True)


class Level:
    """How a share stands against the thresholds (CSS classes and test hooks, never shown as text)."""

    OK = "ok"
    WARN = "warn"
    OVER = "over"


def level(part: Decimal, whole: Decimal) -> str:
    """OK, WARN (at or past the warning share) or OVER (past the over-budget share, or spent without budget)."""
    warn, over = thresholds()
    value = share(part, whole)
    if value is None:
        return Level.OVER if part > 0 else Level.OK
    if value > over:
        return Level.OVER
    return Level.WARN if value >= warn else Level.OK


@dataclass
class Usage:
    """Budget against spent (and certified, where it is known) for one cost category, period or partner."""

    key: str
    label: str
    budget: Decimal
    spent: Decimal
    certified: Decimal | None = None
    # "within": over its own budget but inside the category's flexibility while the partner's total is within;
    # "flagged": beyond it, for the manager to decide (nothing is deducted automatically).
    flexibility: str = ""

    @property
    def spent_share(self) -> Decimal | None:
        return share(self.spent, self.budget)

    @property
    def certified_share(self) -> Decimal | None:
        return share(self.certified, self.budget) if self.certified is not None else None

    @property
    def level(self) -> str:
        return level(self.spent, self.budget)

    @property
    def certified_level(self) -> str:
        return level(self.certified, self.budget) if self.certified is not None else Level.OK

    @property
    def excess(self) -> Decimal:
        return max(ZERO, self.spent - self.budget)


@dataclass
class Alert:
    """A warning about a partner's spending, shown on the dashboard and the partner's page."""

    partner: Partner
    usage: Usage
    scope: str  # "partner", "category" or "period"

    @property
    def message(self) -> str:
        values = {"what": self.usage.label, "share": format_share(self.usage.spent_share), "partner": self.partner}
        if self.usage.flexibility == "within":
            return str(_("%(what)s: spent %(share)s %% of its budget, within the category's flexibility "
                         "(the partner's total is within budget).") % values)
        if self.usage.flexibility == "flagged":
            return str(_("%(what)s: spent %(share)s %% of its budget, beyond the category's flexibility; "
                         "the programme manager decides what is eligible.") % values)
        if self.usage.spent_share is None:
            return str(_("%(what)s: spending without a budget.") % values)
        if self.usage.level == Level.OVER:
            return str(_("%(what)s: spent %(share)s %% of its budget, over budget.") % values)
        return str(_("%(what)s: spent %(share)s %% of its budget.") % values)


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
    certified_by_period: dict[int, Decimal] = field(default_factory=dict)

    @property
    def spent_share(self) -> Decimal:
        return share(self.spent, self.budget.amount) or ZERO

    @property
    def certified_eur(self) -> Decimal:
        return convert(self.certified, self.partner.currency, "EUR")

    @property
    def budget_eur(self) -> Decimal:
        return self.budget.amount if self.budget.currency == "EUR" else self.budget.derived

    @property
    def total_usage(self) -> Usage:
        return Usage("total", str(_("Total budget")), self.budget.amount, self.spent, self.certified)

    @property
    def categories(self) -> list[Usage]:
        """Each cost category with the flexibility rule applied."""
        within_total = self.spent <= self.budget.amount
        out = []
        for value, label in CostCategory.choices:
            budget, spent = self.by_category.get(value, (ZERO, ZERO))
            usage = Usage(value, str(label), budget, spent)
            if spent > budget:
                allowance = (budget * flexibility(value) / 100).quantize(Decimal("0.01"))
                usage.flexibility = "within" if within_total and usage.excess <= allowance else "flagged"
            out.append(usage)
        return out

    @property
    def periods(self) -> list[Usage]:
        """Each reporting period with its certified amount."""
        return [Usage(str(number), str(_("Period %(number)s") % {"number": number}), budget, spent,
                      self.certified_by_period.get(number, ZERO))
                for number, (budget, spent) in self.by_period.items()]

    @property
    def alerts(self) -> list[Alert]:
        """Everything at or past the warning share: the partner's total, its categories and its periods."""
        out = []
        total = self.total_usage
        if total.level != Level.OK:
            out.append(Alert(self.partner, total, "partner"))
        out += [Alert(self.partner, u, "category") for u in self.categories if u.level != Level.OK]
        out += [Alert(self.partner, u, "period") for u in self.periods if u.level != Level.OK]
        return out


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
    certified_by_period: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for partner_id, number, amount in PartnerReport.objects.filter(
        partner_id__in=ids, certified_amount__isnull=False
    ).values_list("partner_id", "period__number", "certified_amount"):
        certified_by_period[partner_id][number] = to_cents(amount)
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
            certified_by_period=certified_by_period[partner.pk],
        ))
    return out


@dataclass
class MoneyTotals:
    """Column totals of the partner money table, in EUR at the fixed rate."""

    budget: Decimal
    fund: Decimal
    own: Decimal
    spent: Decimal
    certified: Decimal


def totals(money: list[PartnerMoney]) -> MoneyTotals:
    """Sum every money column in EUR (partners decide in different currencies)."""
    return MoneyTotals(
        budget=sum((m.budget_eur for m in money), ZERO),
        fund=sum((m.split_eur.fund for m in money if m.split_eur), ZERO),
        own=sum((m.split_eur.own for m in money if m.split_eur), ZERO),
        spent=sum((m.spent_eur for m in money), ZERO),
        certified=sum((m.certified_eur for m in money), ZERO),
    )


def project_total(project: Project) -> DualAmount:
    """The project's total budget with its derived and stated counter-values."""
    return dual(project.total_amount, project.total_currency, project.stated_other_amount)


@dataclass
class IndicatorProgress:
    """An indicator with its achieved value, per city, and how it is counted."""

    indicator: Indicator
    achieved: Decimal
    per_city: list[tuple[City, Decimal]]
    counted_by: str  # the modules' names, or "manual"
    additive: bool = True
    not_additive_reason: str = ""

    @property
    def percent(self) -> Decimal:
        target = self.indicator.target - self.indicator.baseline
        if target <= 0:
            return Decimal("100")
        return min(Decimal("100"), ((self.achieved - self.indicator.baseline) / target * 100).quantize(Decimal("1")))


def project_cities(project: Project) -> list[City]:
    """The partner cities of a project, by English name."""
    return list(City.objects.filter(organisations__partnerships__project=project).distinct().order_by("name_en"))


def indicator_progress(project: Project, city: City | None = None, start: dt.date | None = None,
                       end: dt.date | None = None) -> list[IndicatorProgress]:
    """Achieved values, live from the registered counters or summed from manual values, optionally for one city
    and a date range (a period report counts its period). Queries do not grow with the number of cities."""
    cities = project_cities(project)
    if city is not None:
        cities = [c for c in cities if c.pk == city.pk]
    window = registry.Window(project, [c.pk for c in cities], start, end)
    values = project.indicators.values_list("pk", "manual_values__city_id", "manual_values__value",
                                            "manual_values__recorded_on")
    manual: dict[tuple[int, int | None], Decimal] = defaultdict(lambda: ZERO)
    for indicator_id, city_id, value, recorded_on in values:
        if value is None or (start and recorded_on < start) or (end and recorded_on > end):
            continue
        manual[(indicator_id, city_id)] += value
    out = []
    for indicator in project.indicators.all():
        counted = registry.count(indicator.provider, window) if indicator.provider else None
        if counted is not None:
            kind = registry.kind(indicator.provider)
            per_city = [(c, counted.per_city[c.pk]) for c in cities]
            # For one city the city's value is the answer; a non-additive key's project value stands on its own.
            achieved = per_city[0][1] if city is not None and per_city else counted.total
            out.append(IndicatorProgress(indicator, achieved, per_city, ", ".join(counted.modules),
                                         kind.additive if kind else True,
                                         kind.not_additive_reason if kind else ""))
            continue
        per_city = [(c, manual[(indicator.pk, c.pk)]) for c in cities]
        if city is None:
            achieved = sum((v for (i, _c), v in manual.items() if i == indicator.pk), ZERO)
        else:
            achieved = manual[(indicator.pk, city.pk)]
        out.append(IndicatorProgress(indicator, achieved, per_city, "manual"))
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
