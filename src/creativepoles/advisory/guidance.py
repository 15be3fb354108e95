"""The plan's sections with guidance written for creative businesses, and starting templates per creative group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """One section of a business plan and what to write in it."""

    key: str
    title: Any
    guidance: Any


SECTIONS: tuple[Section, ...] = (
    Section("summary", _("Summary"), _(
        "Say in a few lines what you make, for whom, why they will pay for it and what you need to start. "
        "Write it last: it is the page a lender or a grant panel reads first.")),
    Section("offer", _("Offer"), _(
        "Describe your products, services or commissions and what makes them yours: your style, your craft, "
        "your rights. Name the prices you will ask and what a customer gets for them.")),
    Section("market", _("Market and customers"), _(
        "Who buys: private customers, businesses, public bodies, festivals? Where are they, how many, how do they "
        "decide? Use what you know from fairs, commissions and social media followers.")),
    Section("competition", _("Competition"), _(
        "Which studios, makers or venues do your customers also choose, and why would they choose you? "
        "Cheaper alternatives and doing nothing are competition too.")),
    Section("team", _("Team"), _(
        "Who does the creative work, who sells, who keeps the books? Name freelancers and partners you rely on "
        "and what you will buy in.")),
    Section("marketing", _("Marketing"), _(
        "How customers will hear of you and buy: portfolio, shop, agents, galleries, platforms, events. "
        "What it costs and what you expect it to bring.")),
    Section("operations", _("Operations"), _(
        "Your premises, equipment, suppliers and the way an order is made and delivered. "
        "Licences, intellectual property and insurance belong here too.")),
    Section("risks", _("Risks"), _(
        "What could go wrong (a key customer leaves, a season is weak, a machine breaks, prices of materials rise) "
        "and what you will do then. The pessimistic scenario of your financials shows the money side.")),
    Section("milestones", _("Milestones"), _(
        "The steps of the first two years with dates: opening, first collection, first hire, break-even.")),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)
# Comments may also be made on the financial model as a whole.
FINANCIALS = "financials"
COMMENT_TARGETS = (*SECTION_KEYS, FINANCIALS)


def section_title(key: str) -> Any:
    """The title of a section (or of the financials)."""
    if key == FINANCIALS:
        return _("Financial model")
    return next((s.title for s in SECTIONS if s.key == key), key)


@dataclass(frozen=True)
class Template:
    """A starting point for one creative group: section prompts and a financial model to adapt."""

    key: str
    label: Any
    sections: dict[str, Any]
    financials: dict[str, Any]



TEMPLATES: tuple[Template, ...] = (
    Template("design_studio", _("Design studio"), {
        "offer": _("Brand identities, packaging and editorial design for small firms; day rates and fixed-price "
                   "packages."),
        "market": _("Local manufacturers, food producers and cultural institutions that need a visual identity."),
    }, {
        "streams": [{"name": "Identity packages", "units_per_year": "24", "price": "1800", "unit_cost": "150",
                     "growth_pct": "15", "seasonality_pct": ["6", "8", "9", "9", "9", "8", "5", "6", "10", "11", "11",
                                                             "8"]},
                    {"name": "Design days", "units_per_year": "120", "price": "320", "unit_cost": "0",
                     "growth_pct": "10"}],
        "staff": [{"role": "Designer", "monthly_cost": "2600", "count": "2", "start_month": 1}],
        "fixed_costs": [{"name": "Rent", "monthly": "450"}, {"name": "Software and insurance", "monthly": "220"}],
        "investments": [{"name": "Computers and screens", "amount": "9000", "life_years": 3}],
        "loans": [], "own_funds": "8000", "grants": "5000", "discount_rate_pct": "8",
        "scenarios": {"pessimistic": {"units": "0.75", "price": "0.95"}, "optimistic": {"units": "1.2"}},
    }),
    Template("crafts_workshop", _("Crafts workshop"), {
        "offer": _("Hand-made ceramics sold in the workshop shop, at fairs and online; courses for adults."),
        "market": _("Visitors and tourists in summer, gift buyers before Christmas, local course participants."),
    }, {
        "streams": [{"name": "Ceramics", "units_per_year": "1500", "price": "38", "unit_cost": "11",
                     "growth_pct": "8", "seasonality_pct": ["4", "4", "6", "7", "9", "11", "12", "11", "8", "8", "9",
                                                            "11"]},
                    {"name": "Courses", "units_per_year": "160", "price": "65", "unit_cost": "12", "growth_pct": "5"}],
        "staff": [{"role": "Maker", "monthly_cost": "2100", "count": "1", "start_month": 1}],
        "fixed_costs": [{"name": "Rent", "monthly": "600"}, {"name": "Energy for the kiln", "monthly": "180"}],
        "investments": [{"name": "Kiln and wheels", "amount": "14000", "life_years": 8}],
        "loans": [{"name": "Micro-loan", "amount": "10000", "rate_pct": "6", "term_months": 48}],
        "own_funds": "5000", "grants": "3000", "discount_rate_pct": "8",
        "scenarios": {"pessimistic": {"units": "0.8"}, "optimistic": {"units": "1.15", "price": "1.05"}},
    }),
    Template("software_studio", _("Software studio"), {
        "offer": _("A mobile game sold through app stores, and contract development for agencies."),
        "market": _("Players reached through stores and festivals; agencies that need extra developers."),
    }, {
        "streams": [{"name": "Contract development days", "units_per_year": "300", "price": "420",
                     "unit_cost": "0", "growth_pct": "10"},
                    {"name": "Game sales", "units_per_year": "6000", "price": "4.99", "unit_cost": "1.50",
                     "growth_pct": "30"}],
        "staff": [{"role": "Developer", "monthly_cost": "3600", "count": "2", "start_month": 1},
                  {"role": "Artist", "monthly_cost": "2900", "count": "1", "start_month": 7}],
        "fixed_costs": [{"name": "Rent", "monthly": "700"}, {"name": "Licences and cloud", "monthly": "350"}],
        "investments": [{"name": "Workstations and devices", "amount": "16000", "life_years": 3}],
        "loans": [{"name": "Start-up loan", "amount": "30000", "rate_pct": "5", "term_months": 60}],
        "own_funds": "20000", "grants": "10000", "discount_rate_pct": "10",
        "scenarios": {"pessimistic": {"units": "0.7"}, "optimistic": {"units": "1.3"}},
    }),
    Template("performing_arts_venue", _("Performing-arts venue"), {
        "offer": _("A small stage for concerts, theatre and dance, with a bar; the hall is also let for events."),
        "market": _("Audiences of the city and region, touring companies looking for a stage, firms booking events."),
    }, {
        "streams": [{"name": "Tickets", "units_per_year": "9000", "price": "14", "unit_cost": "6",
                     "growth_pct": "6", "seasonality_pct": ["10", "10", "10", "9", "8", "4", "2", "3", "9", "11", "12",
                                                            "12"]},
                    {"name": "Bar", "units_per_year": "14000", "price": "4.50", "unit_cost": "1.60",
                     "growth_pct": "6"},
                    {"name": "Hall rental", "units_per_year": "40", "price": "600", "unit_cost": "80"}],
        "staff": [{"role": "Manager", "monthly_cost": "2800", "count": "1", "start_month": 1},
                  {"role": "Technician", "monthly_cost": "2300", "count": "1", "start_month": 1}],
        "fixed_costs": [{"name": "Rent", "monthly": "1500"}, {"name": "Energy and insurance", "monthly": "650"}],
        "investments": [{"name": "Stage lights and sound", "amount": "45000", "life_years": 7},
                        {"name": "Bar fit-out", "amount": "15000", "life_years": 10}],
        "loans": [{"name": "Bank loan", "amount": "40000", "rate_pct": "6.5", "term_months": 60}],
        "own_funds": "15000", "grants": "20000", "discount_rate_pct": "8",
        "scenarios": {"pessimistic": {"units": "0.8", "fixed": "1.1"}, "optimistic": {"units": "1.15"}},
    }),
)
TEMPLATE_CHOICES = [(t.key, t.label) for t in TEMPLATES]


def template(key: str) -> Template | None:
    """The template with this key, or None."""
    return next((t for t in TEMPLATES if t.key == key), None)
