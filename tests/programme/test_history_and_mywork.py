"""The readable history page, the reports list with filters and amounts, and the programme's part of My work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from creativepoles.core.models import AuditEntry
from creativepoles.programme.models import Expenditure, Milestone, PartnerReport, PilotProject, ReportStatus
from creativepoles.programme.services import reports as report_services
from creativepoles.programme.services import spending


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _item(p: dict[str, Any], amount: str, category: str = "staff") -> Expenditure:
    return spending.add_expenditure(p["manager"], p["klaipeda_partner"], period=p["periods"][0],
                                    date=p["periods"][0].start, category=category, description="Work",
                                    amount=Decimal(amount), currency="LTL")


def test_it_shows_history_as_sentences_with_labels_and_formatted_amounts(project: dict[str, Any]) -> None:
    p = project
    item = _item(p, "1234.50")
    spending.update_expenditure(p["manager"], item, amount=Decimal("2000.00"), description="Work")
    report = PartnerReport.objects.create(partner=p["klaipeda_partner"], period=p["periods"][0])
    report_services.submit_partner_report(p["manager"], report)
    html = client_for(p["manager"]).get("/programme/ucp/history/").content.decode()
    assert "Submitted PP2 Klaipėda agency · Period 1" in html
    assert "status: Draft → Submitted" in html
    assert "amount: 1,234.50 → 2,000.00" in html
    assert "Added the expenditure item" in html
    for code in ("report_submitted", "add_expenditure", "update_expenditure", "{'", "['", "Decimal("):
        assert code not in html, code


def test_it_pages_10000_entries_with_a_flat_query_count(project: dict[str, Any]) -> None:
    p = project
    item = _item(p, "10.00")
    AuditEntry.objects.bulk_create([
        AuditEntry(actor=p["manager"], verb="update_expenditure", model="programme.expenditure",
                   object_id=str(item.pk), summary=str(item), changes={"amount": ["1.00", str(n)]},
                   organisation=p["k_org"])
        for n in range(10_000)])
    client = client_for(p["manager"])
    counts = []
    for page in (1, 2, 150):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/programme/ucp/history/?page={page}")
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
        assert response.content.decode().count('class="timeline-entry"') == 50
    assert "Page 150 of 201" in response.content.decode()
    assert len(set(counts)) == 1, counts
    assert counts[0] < 25


def test_it_filters_history_by_city_partner_kind_person_and_date(project: dict[str, Any]) -> None:
    p = project
    _item(p, "10.00")
    spending.add_expenditure(p["manager"], p["tartu_partner"], period=p["periods"][0], date=p["periods"][0].start,
                             category="staff", description="Tartu work", amount=Decimal("5.00"), currency="EUR")
    client = client_for(p["manager"])

    def shown(query: str) -> str:
        response = client.get(f"/programme/ucp/history/?{query}")
        assert response.status_code == 200, response.status_code
        return response.content.decode()

    assert "Tartu work" in shown(f"city={p['tartu'].pk}") and "Tartu work" not in shown(f"city={p['klaipeda'].pk}")
    assert "Tartu work" not in shown(f"partner={p['klaipeda_partner'].pk}")
    assert "Tartu work" in shown("kind=programme.expenditure")
    assert "Tartu work" not in shown("kind=programme.project")
    assert "Tartu work" in shown(f"person={p['manager'].pk}")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert "Tartu work" not in shown(f"since={tomorrow}")
    assert client.get("/programme/ucp/history/?since=not-a-date").status_code == 400


def test_it_refuses_history_to_editors_and_hides_its_link(project: dict[str, Any]) -> None:
    editor = client_for(project["editor"])
    assert editor.get("/programme/ucp/history/").status_code == 403
    assert "/programme/ucp/history/" not in editor.get("/programme/ucp/reports/").content.decode()
    manager_pages = [client_for(project["manager"]).get(url).content.decode() for url in (
        "/programme/ucp/", "/programme/ucp/reports/", "/programme/ucp/expenditure/", "/programme/ucp/indicators/",
        "/programme/ucp/charter/", "/programme/ucp/pilots/",
        f"/programme/ucp/partners/{project['klaipeda_partner'].pk}/")]
    assert all("/programme/ucp/history/" in html for html in manager_pages)


def test_it_filters_reports_and_shows_declared_and_certified_amounts(project: dict[str, Any]) -> None:
    p = project
    _item(p, "1234.50")
    _item(p, "100.00", "travel")
    k_report = PartnerReport.objects.create(partner=p["klaipeda_partner"], period=p["periods"][0],
                                            status=ReportStatus.CERTIFIED, certified_amount=Decimal("1000.00"))
    t_report = PartnerReport.objects.create(partner=p["tartu_partner"], period=p["periods"][1])
    client = client_for(p["manager"])
    html = client.get("/programme/ucp/reports/").content.decode()
    assert "1,334.50" in html and "1,000.00" in html
    only_tartu = client.get(f"/programme/ucp/reports/?city={p['tartu'].pk}").content.decode()
    assert f'data-report="{t_report.pk}"' in only_tartu and f'data-report="{k_report.pk}"' not in only_tartu
    drafts = client.get("/programme/ucp/reports/?status=draft").content.decode()
    assert f'data-report="{k_report.pk}"' not in drafts
    by_period = client.get(f"/programme/ucp/reports/?period={p['periods'][0].pk}").content.decode()
    assert f'data-report="{t_report.pk}"' not in by_period
    by_partner = client.get(f"/programme/ucp/reports/?partner={p['tartu_partner'].pk}").content.decode()
    assert f'data-report="{k_report.pk}"' not in by_partner
    assert client.get("/programme/ucp/reports/?status=nonsense").status_code == 400


def test_it_shows_an_editor_their_overdue_report_and_overspent_line(project: dict[str, Any]) -> None:
    p = project
    _item(p, "700000.00")  # staff budget of Klaipėda is 600,000.00 LTL
    report = PartnerReport.objects.create(partner=p["klaipeda_partner"], period=p["periods"][0])
    tartu_report = PartnerReport.objects.create(partner=p["tartu_partner"], period=p["periods"][0])
    html = client_for(p["editor"]).get("/").content.decode()
    assert "My work" in html
    assert f"/programme/ucp/reports/partner/{report.pk}/" in html
    assert f"/programme/ucp/reports/partner/{tartu_report.pk}/" not in html
    assert "Staff over budget" in html and "700,000.00" in html and "117 %" in html
    manager = client_for(p["manager"]).get("/").content.decode()
    assert f"/programme/ucp/reports/partner/{tartu_report.pk}/" in manager
    assert f"/programme/ucp/reports/partner/{report.pk}/" in manager
    assert "My work" not in Client().get("/").content.decode()


def test_it_lists_overdue_milestones_of_the_editors_city_only(project: dict[str, Any]) -> None:
    p = project
    for city in (p["klaipeda"], p["tartu"]):
        pilot = PilotProject.objects.create(project=p["project"], city=city, title=f"Pilot {city.name}")
        Milestone.objects.create(pilot=pilot, title=f"Opening {city.name}", due_on=dt.date(2012, 1, 1))
    html = client_for(p["editor"]).get("/").content.decode()
    assert "Opening Klaipėda" in html and "Opening Tartu" not in html


def test_it_shows_recent_changes_scoped_to_the_users_organisation(project: dict[str, Any]) -> None:
    p = project
    spending.add_expenditure(p["manager"], p["tartu_partner"], period=p["periods"][0], date=p["periods"][0].start,
                             category="staff", description="Secret Tartu work", amount=Decimal("5.00"),
                             currency="EUR")
    _item(p, "10.00")
    html = client_for(p["editor"]).get("/").content.decode()
    assert "Added the expenditure item" in html and "Secret Tartu work" not in html
    assert "Secret Tartu work" in client_for(p["other"]).get("/").content.decode()


def test_it_dates_demo_reports_within_their_periods(db: Any) -> None:
    from django.utils import timezone

    from creativepoles.core.demo import load_demos

    load_demos(["programme"])
    submitted = PartnerReport.objects.exclude(status=ReportStatus.DRAFT).select_related("period")
    assert submitted.count() > 30
    for report in submitted:
        assert report.submitted_at is not None
        assert report.period.start <= timezone.localtime(report.submitted_at).date() <= report.period.end
    entries = AuditEntry.objects.filter(model="programme.partnerreport", verb="report_submitted")
    assert entries.count() == submitted.count()
    assert all(entry.at.year < 2015 for entry in entries)
