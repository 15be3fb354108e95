"""A plan's exports: the financial model as a workbook whose figures are live formulas, the plan as a PDF."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import typst
from django.utils import timezone
from django.utils.translation import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from creativepoles.advisory import financials as fin
from creativepoles.advisory.guidance import SECTIONS
from creativepoles.analysis.finance import PLAN_MONTHS, PLAN_YEARS, PlanInputs, PlanResult, Scenario
from creativepoles.core.exports import escape_typst, safe_cell, typst_table
from creativepoles.core.formatting import format_amount

MONEY = "#,##0.00"
BOLD = Font(bold=True)
RED = PatternFill(start_color="FFF4C7C3", end_color="FFF4C7C3", fill_type="solid")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _f(value: Decimal | int) -> float | int:
    """A number as the workbook stores it."""
    return value if isinstance(value, int) else float(value)


class _Inputs:
    """Writes the inputs sheet and remembers where each input is, for the formulas."""

    def __init__(self, sheet: Worksheet, inputs: PlanInputs, scenario: Scenario) -> None:
        self.sheet = sheet
        self.row = 1
        sheet.append([safe_cell(_("Inputs: change any value in this sheet and the model recomputes."))])
        sheet["A1"].font = BOLD
        self.row = 3
        self.streams = self.block(_("Revenue streams"), [_("Name"), _("Units in year 1"), _("Price"),
                                                         _("Direct cost per unit"), _("Growth a year (%)"),
                                                         *MONTH_NAMES],
                                  [[s.name, _f(s.units_per_year), _f(s.price), _f(s.unit_cost), _f(s.growth_pct),
                                    *[_f(x) for x in s.seasonality_pct]] for s in inputs.streams])
        self.staff = self.block(_("Staff"), [_("Role"), _("Monthly cost"), _("People"), _("From month")],
                                [[s.role, _f(s.monthly_cost), _f(s.count), s.start_month] for s in inputs.staff])
        self.fixed = self.block(_("Fixed costs"), [_("Name"), _("Per month")],
                                [[c.name, _f(c.monthly)] for c in inputs.fixed_costs])
        self.investments = self.block(_("Investment"), [_("Name"), _("Amount"), _("Life (years)")],
                                      [[i.name, _f(i.amount), i.life_years] for i in inputs.investments])
        self.loans = self.block(_("Loans"), [_("Name"), _("Amount"), _("Interest (% a year)"), _("Term (months)"),
                                             _("Monthly instalment")],
                                [[loan.name, _f(loan.amount), _f(loan.rate_pct), loan.term_months] for loan in
                                 inputs.loans])
        for r in self.loans:
            # The annuity instalment, rounded to the cent like the model; IF keeps an interest-free loan exact.
            sheet[f"E{r}"] = (f"=IF(C{r}=0,ROUND(B{r}/D{r},2),"
                              f"ROUND(B{r}*C{r}/1200/(1-(1+C{r}/1200)^(-D{r})),2))")
        self.single = {}
        singles = [("own_funds", _("Own funds"), inputs.own_funds), ("grants", _("Grants"), inputs.grants),
                   ("discount_rate_pct", _("Discount rate (%)"), inputs.discount_rate_pct)]
        multipliers = [("units", _("Scenario multiplier: units"), scenario.units),
                       ("price", _("Scenario multiplier: price"), scenario.price),
                       ("unit_cost", _("Scenario multiplier: direct cost per unit"), scenario.unit_cost),
                       ("staff", _("Scenario multiplier: staff"), scenario.staff),
                       ("fixed", _("Scenario multiplier: fixed costs"), scenario.fixed)]
        for key, label, value in [*singles, *multipliers]:
            sheet.append([safe_cell(label), _f(value)])
            self.single[key] = f"Inputs!$B${self.row}"
            self.row += 1
        sheet.column_dimensions["A"].width = 44

    def block(self, title: str, header: list[str], rows: list[list[Any]]) -> list[int]:
        """A titled table; returns the row numbers of its data rows."""
        self.sheet.append([safe_cell(title)])
        self.sheet.cell(self.row, 1).font = BOLD
        self.sheet.append([safe_cell(h) for h in header])
        self.row += 2
        out = []
        for values in rows:
            self.sheet.append([safe_cell(v) for v in values])
            out.append(self.row)
            self.row += 1
        self.sheet.append([])
        self.row += 1
        return out


MONTH_COLUMNS = ("month", "year", "revenue", "direct_costs", "staff", "fixed_costs", "ebitda", "depreciation",
                 "operating_profit", "cumulative_operating_profit", "interest", "loan_repayment", "net_profit",
                 "cash_flow", "cash_balance", "cumulative_before_financing", "break_even")


def _month_labels() -> list[str]:
    return [_("Month"), _("Year"), _("Revenue"), _("Direct costs"), _("Staff"), _("Fixed costs"), _("EBITDA"),
            _("Depreciation"), _("Operating profit"), _("Cumulative operating profit"), _("Interest"),
            _("Loan repayment"), _("Net profit"), _("Cash flow"), _("Cash balance"),
            _("Cumulative cash before financing"), _("Break-even month so far")]


def _sum(terms: list[str]) -> str:
    return "+".join(terms) if terms else "0"


def financials_xlsx(title: str, inputs: PlanInputs, scenario_name: str = "base") -> bytes:
    """The model as a workbook: inputs, every month as formulas, years, NPV, IRR, break-even and funding gap."""
    workbook = Workbook()
    sheet_inputs = workbook.active
    assert sheet_inputs is not None
    sheet_inputs.title = "Inputs"
    ins = _Inputs(sheet_inputs, inputs, inputs.scenario(scenario_name))
    s = ins.single
    months = workbook.create_sheet("Months")
    col = {name: get_column_letter(i + 1) for i, name in enumerate(MONTH_COLUMNS)}
    months.append([safe_cell(h) for h in _month_labels()])
    loan_cols = []
    for j, _r in enumerate(ins.loans):
        base = len(MONTH_COLUMNS) + 1 + 3 * j
        loan_cols.append(tuple(get_column_letter(base + k) for k in range(3)))
        for k, label in enumerate((_("Interest"), _("Principal"), _("Balance"))):
            months.cell(1, base + k, safe_cell(f"{label} {j + 1}"))
    for cell in months[1]:
        cell.font = BOLD
    # Row 2 is month 0: financing in, investment out.
    investment = _sum([f"Inputs!$B${r}" for r in ins.investments])
    loans_in = _sum([f"Inputs!$B${r}" for r in ins.loans])
    zero_row: dict[str, Any] = {c: 0 for c in MONTH_COLUMNS}
    zero_row.update(month=0, year=0, cash_balance=f"={s['own_funds']}+{s['grants']}+{loans_in}-({investment})",
                    cumulative_before_financing=f"=-({investment})")
    months.append([zero_row[c] for c in MONTH_COLUMNS])
    for (ci, cp, cb), r in zip(loan_cols, ins.loans, strict=True):
        months[f"{ci}2"], months[f"{cp}2"], months[f"{cb}2"] = 0, 0, f"=Inputs!$B${r}"
    for m in range(1, PLAN_MONTHS + 1):
        row, prev = m + 2, m + 1
        year = (m - 1) // 12
        season = get_column_letter(6 + (m - 1) % 12)  # Jan..Dec are columns F..Q of the streams table

        def units(r: int, year: int = year, season: str = season) -> str:
            return f"Inputs!$B${r}*{s['units']}*(1+Inputs!$E${r}/100)^{year}*Inputs!${season}${r}/100"

        f: dict[str, Any] = {"month": m, "year": year + 1}
        f["revenue"] = "=" + _sum([f"ROUND({units(r)}*Inputs!$C${r}*{s['price']},2)" for r in ins.streams])
        f["direct_costs"] = "=" + _sum([f"ROUND({units(r)}*Inputs!$D${r}*{s['unit_cost']},2)" for r in ins.streams])
        f["staff"] = "=" + _sum([f"IF({m}>=Inputs!$D${r},ROUND(Inputs!$B${r}*Inputs!$C${r}*{s['staff']},2),0)"
                                 for r in ins.staff])
        f["fixed_costs"] = "=" + _sum([f"ROUND(Inputs!$B${r}*{s['fixed']},2)" for r in ins.fixed])
        f["ebitda"] = f"={col['revenue']}{row}-{col['direct_costs']}{row}-{col['staff']}{row}-{col['fixed_costs']}{row}"
        f["depreciation"] = "=" + _sum([f"IF({m}<=Inputs!$C${r}*12,ROUND(Inputs!$B${r}/(Inputs!$C${r}*12),2),0)"
                                        for r in ins.investments])
        f["operating_profit"] = f"={col['ebitda']}{row}-{col['depreciation']}{row}"
        f["cumulative_operating_profit"] = f"={col['cumulative_operating_profit']}{prev}+{col['operating_profit']}{row}"
        f["interest"] = "=" + _sum([f"{ci}{row}" for ci, _cp, _cb in loan_cols])
        f["loan_repayment"] = "=" + _sum([f"{cp}{row}" for _ci, cp, _cb in loan_cols])
        f["net_profit"] = f"={col['operating_profit']}{row}-{col['interest']}{row}"
        f["cash_flow"] = f"={col['ebitda']}{row}-{col['interest']}{row}-{col['loan_repayment']}{row}"
        f["cash_balance"] = f"={col['cash_balance']}{prev}+{col['cash_flow']}{row}"
        f["cumulative_before_financing"] = f"={col['cumulative_before_financing']}{prev}+{col['ebitda']}{row}"
        be = col["break_even"]
        f["break_even"] = f"=IF({be}{prev}>0,{be}{prev},IF({col['cumulative_operating_profit']}{row}>=0,{m},0))"
        months.append([f[c] for c in MONTH_COLUMNS])
        for (ci, cp, cb), r in zip(loan_cols, ins.loans, strict=True):
            months[f"{ci}{row}"] = f"=IF({m}>Inputs!$D${r},0,ROUND({cb}{prev}*Inputs!$C${r}/1200,2))"
            months[f"{cp}{row}"] = (f"=IF({m}>Inputs!$D${r},0,IF({m}=Inputs!$D${r},{cb}{prev},"
                                    f"MIN(Inputs!$E${r}-{ci}{row},{cb}{prev})))")
            months[f"{cb}{row}"] = f"={cb}{prev}-{cp}{row}"
    last = PLAN_MONTHS + 2
    for column in months.iter_cols(min_col=3, max_col=months.max_column, min_row=2, max_row=last):
        for cell in column:
            cell.number_format = MONEY
    balance = col["cash_balance"]
    months.conditional_formatting.add(f"{balance}2:{balance}{last}",
                                      CellIsRule(operator="lessThan", formula=["0"], fill=RED))
    months.freeze_panes = "C2"
    years = workbook.create_sheet("Years")
    years.append([safe_cell(h) for h in (_("Year"), _("Cash flow for NPV"), _("Revenue"), _("Operating profit"),
                                         _("Net profit"), _("Cash balance at year end"))])
    years.append([0, f"=-({investment})", 0, 0, 0, f"=Months!{balance}2"])
    for y in range(1, PLAN_YEARS + 1):
        first, end = (y - 1) * 12 + 3, y * 12 + 2
        years.append([y] + [f"=SUM(Months!{col[c]}{first}:{col[c]}{end})" for c in
                            ("ebitda", "revenue", "operating_profit", "net_profit")] + [f"=Months!{balance}{end}"])
    for cell in years[1]:
        cell.font = BOLD
    end = PLAN_YEARS + 2
    summary = [
        (_("NPV (investment at t = 0)"), f"=ROUND(B2+NPV({s['discount_rate_pct']}/100,B3:B{end}),2)"),
        (_("IRR"), f"=IRR(B2:B{end})"),
        (_("Break-even month (0: not within five years)"), f"=Months!{col['break_even']}{last}"),
        (_("Funding gap"), f"=-MIN(0,MIN(Months!{col['cumulative_before_financing']}2:"
                           f"{col['cumulative_before_financing']}{last}))"),
        (_("Lowest cash balance"), f"=MIN(Months!{balance}2:{balance}{last})"),
    ]
    years.append([])
    for label, formula in summary:
        years.append([safe_cell(label), formula])
    for row in years.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = MONEY
    years.column_dimensions["A"].width = 44
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------------------------


def chart_png(results: dict[str, PlanResult]) -> bytes:
    """Cash balance month by month under each scenario, and the base scenario's yearly revenue and EBITDA."""
    figure = Figure(figsize=(9, 3.6), dpi=120)
    left, right = figure.subplots(1, 2)
    for name, result in results.items():
        left.plot([0, *[r.month for r in result.months]], [float(result.opening_balance),
                                                             *[float(r.cash_balance) for r in result.months]],
                  label=str(fin.SCENARIO_LABELS[name]))
    left.axhline(0, color="#a00", linewidth=0.8)
    left.set_title(_("Cash balance by month"))
    left.legend(fontsize=8)
    base = results["base"]
    xs = [y.year for y in base.years]
    right.bar([x - 0.2 for x in xs], [float(y.revenue) for y in base.years], width=0.4, label=_("Revenue"))
    right.bar([x + 0.2 for x in xs], [float(y.ebitda) for y in base.years], width=0.4, label=_("EBITDA"))
    right.set_title(_("Base scenario by year"))
    right.set_xticks(xs)
    right.legend(fontsize=8)
    figure.tight_layout()
    out = io.BytesIO()
    FigureCanvasAgg(figure).print_png(out)
    return out.getvalue()


def _money(value: Decimal | None) -> str:
    return "—" if value is None else format_amount(value)


def plan_typst(plan: Any, results: dict[str, PlanResult] | None, premises: Any) -> str:
    """The typst source of a plan; the chart is read from chart.png beside it."""
    out = ['#set page(paper: "a4", margin: 1.8cm)\n#set text(size: 10pt)\n',
           "= " + escape_typst(plan.title) + "\n\n",
           escape_typst(" · ".join(x for x in (plan.firm_name, str(plan.city), plan.get_status_display()) if x)),
           "\n\n"]
    if premises is not None:
        out.append(escape_typst(_("Premises: %(site)s, rent %(rent)s a month") % {
            "site": premises.name, "rent": format_amount(premises.monthly)}) + "\n\n")
    texts = plan.section_texts()
    for section in SECTIONS:
        text = texts.get(section.key, "")
        if text:
            out += ["== " + escape_typst(section.title) + "\n", escape_typst(text) + "\n\n"]
    out.append("== " + escape_typst(_("Financial model")) + "\n")
    if results is None:
        out.append(escape_typst(_("The financial inputs are not complete yet.")) + "\n")
        return "".join(out)
    rows = [[fin.SCENARIO_LABELS[name], _money(r.npv), "—" if r.irr is None else f"{r.irr * 100:.1f} %",
             str(r.break_even_month) if r.break_even_month else "—", _money(r.funding_gap)]
            for name, r in results.items()]
    out.append(typst_table([_("Scenario"), _("NPV"), _("IRR"), _("Break-even month"), _("Funding gap")], rows,
                           "(1fr, auto, auto, auto, auto)", numeric_from=1))
    out.append('\n#figure(image("chart.png", width: 100%))\n')
    base = results["base"]
    out.append("=== " + escape_typst(_("Profit and loss and cash by year (base scenario)")) + "\n")
    out.append(typst_table([_("Year"), _("Revenue"), _("EBITDA"), _("Operating profit"), _("Net profit"),
                            _("Cash balance")],
                           [[y.year, _money(y.revenue), _money(y.ebitda), _money(y.operating_profit),
                             _money(y.net_profit), _money(y.cash_balance)] for y in base.years],
                           "(auto, 1fr, 1fr, 1fr, 1fr, 1fr)", numeric_from=1))
    out.append("=== " + escape_typst(_("First year by month (base scenario)")) + "\n")
    out.append(typst_table([_("Month"), _("Revenue"), _("EBITDA"), _("Operating profit"), _("Cash balance")],
                           [[r.month, _money(r.revenue), _money(r.ebitda), _money(r.operating_profit),
                             _money(r.cash_balance) + (" !" if r.cash_balance < 0 else "")]
                            for r in base.first_year], "(auto, 1fr, 1fr, 1fr, 1fr)", numeric_from=1))
    if base.negative_cash_months:
        out.append(escape_typst(_("Months with a negative cash balance: %(months)s") % {
            "months": ", ".join(str(m) for m in base.negative_cash_months)}) + "\n")
    return "".join(out)


def plan_pdf(plan: Any) -> bytes:
    """The plan as an A4 PDF rendered by typst with its built-in fonts, fully offline."""
    results = fin.results(plan)
    premises = fin.plan_premises(plan)
    with tempfile.TemporaryDirectory(prefix="plan-") as tmp:
        folder = Path(tmp)
        if results is not None:
            (folder / "chart.png").write_bytes(chart_png(results))
        source = folder / "plan.typ"
        source.write_text(plan_typst(plan, results, premises), encoding="utf-8")
        now = timezone.now().replace(microsecond=0)
        pdf = typst.compile(str(source), root=tmp, format="pdf", ignore_system_fonts=True,
                            timestamp=dt.datetime(now.year, now.month, now.day, tzinfo=dt.UTC))
    return bytes(pdf)
