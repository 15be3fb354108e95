"""Serializers of the programme API; money is always a decimal string, never a float."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from creativepoles.analysis.money import Split
from creativepoles.core.api.fields import PrivateFileField
from creativepoles.core.api.serializers import WritableCityField
from creativepoles.core.models import City
from creativepoles.programme import figures
from creativepoles.programme import models as m
from creativepoles.programme.forms import editable_partners
from creativepoles.programme.models.project import CURRENCIES


def described_choice(choices: Any) -> serializers.CharField:
    """A read-only code documented by its values, not by a schema enum (shared sets would collide in names)."""
    values = ", ".join(str(value) for value, _label in choices)
    return serializers.CharField(read_only=True, help_text=f"One of: {values}.")


MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def limit_size(upload: Any) -> None:
    """Refuse uploads over the size limit (the model checks the file type)."""
    if upload is not None and upload.size > MAX_UPLOAD_BYTES:
        raise serializers.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20})


def money(**kwargs: Any) -> serializers.DecimalField:
    """A read-only amount in cents, rendered as a decimal string."""
    return serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, **kwargs)


class TotalSerializer(serializers.Serializer[Any]):
    """An amount in its decided currency with the derived and the source's stated counter-value."""

    amount = money()
    currency = serializers.CharField(read_only=True)
    derived = money()
    derived_currency = serializers.CharField(read_only=True)
    stated = money(allow_null=True)
    difference = money(allow_null=True, help_text="Stated minus derived; null when they agree or none is stated.")


class BudgetSerializer(serializers.Serializer[Any]):
    """A partner's budget in its currency and in EUR."""

    amount = money()
    currency = serializers.CharField(read_only=True)
    derived = money(help_text="The budget in EUR.")
    derived_currency = serializers.CharField(read_only=True)


class SplitSerializer(serializers.Serializer[Any]):
    """A total split into the fund's share and the own contribution; the parts add up exactly."""

    total = money()
    fund = money()
    own = money()
    exact_fund = serializers.DecimalField(max_digits=24, decimal_places=6, read_only=True,
                                          help_text="The fund share before rounding.")


class PartnerMoneySerializer(serializers.Serializer[Any]):
    """One partner's budget, co-financing, spending and certified amount."""

    partner = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    organisation = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)
    currency = serializers.CharField(read_only=True)
    budget = BudgetSerializer(read_only=True)
    split = SplitSerializer(read_only=True, allow_null=True, help_text="In the partner's currency.")
    split_eur = SplitSerializer(read_only=True, allow_null=True)
    spent = money()
    spent_eur = money()
    certified = money()


class MoneySerializer(serializers.Serializer[Any]):
    """The project's money table."""

    total = TotalSerializer(read_only=True)
    partners = PartnerMoneySerializer(many=True, read_only=True)


def _split(parts: Split | None) -> dict[str, Decimal] | None:
    if parts is None:
        return None
    return {"total": parts.total, "fund": parts.fund, "own": parts.own, "exact_fund": parts.exact_fund}


def money_payload(project: m.Project) -> dict[str, Any]:
    """The project total and every partner's figures, computed by `figures`."""
    total = figures.project_total(project)
    partners = []
    for row in figures.partner_money(project):
        p = row.partner
        eur = row.budget.amount if p.currency == "EUR" else row.budget.derived
        partners.append({
            "partner": p.pk, "number": p.number, "organisation": p.organisation.name,
            "city": p.organisation.city.slug, "role": p.role, "currency": p.currency,
            "budget": {"amount": row.budget.amount, "currency": p.currency, "derived": eur, "derived_currency": "EUR"},
            "split": _split(row.split), "split_eur": _split(row.split_eur),
            "spent": row.spent, "spent_eur": row.spent_eur, "certified": row.certified,
        })
    return {"total": total, "partners": partners}


class CityValueSerializer(serializers.Serializer[Any]):
    """An indicator's value in one city."""

    city = serializers.CharField(read_only=True, help_text="City slug.")
    value = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)


class IndicatorProgressSerializer(serializers.Serializer[Any]):
    """An indicator against its target, counted live by a module or from manual values."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    unit = serializers.CharField(read_only=True)
    baseline = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    achieved = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    percent = serializers.DecimalField(max_digits=5, decimal_places=0, read_only=True)
    counted_by = serializers.CharField(read_only=True, help_text='The counting module, or "manual".')
    per_city = CityValueSerializer(many=True, read_only=True)


def progress_payload(items: list[figures.IndicatorProgress]) -> list[dict[str, Any]]:
    """Indicator progress as plain data."""
    return [
        {"id": p.indicator.pk, "code": p.indicator.code, "name": p.indicator.name, "unit": p.indicator.unit,
         "baseline": p.indicator.baseline, "target": p.indicator.target, "achieved": p.achieved,
         "percent": p.percent, "counted_by": p.counted_by,
         "per_city": [{"city": c.slug, "value": v} for c, v in p.per_city]}
        for p in items
    ]


def share() -> serializers.DecimalField:
    """A position for drawing, on the 0–1000 scale of the whole timeline that `figures.timeline` uses."""
    return serializers.DecimalField(max_digits=8, decimal_places=1, read_only=True,
                                    help_text="Position on a 0–1000 scale of the whole timeline.")


class PhaseSerializer(serializers.Serializer[Any]):
    """A phase of the project."""

    label = serializers.CharField(read_only=True)  # type: ignore[assignment]  # a field, not Field.label
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    left = share()
    width = share()


class TimelinePeriodSerializer(serializers.Serializer[Any]):
    """A reporting period placed on the timeline."""

    id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    current = serializers.BooleanField(read_only=True)
    left = share()
    width = share()


class TimelineSerializer(serializers.Serializer[Any]):
    """Phases and periods with today's position."""

    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    today = serializers.DateField(read_only=True)
    today_share = share()
    finished = serializers.BooleanField(read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)
    periods = TimelinePeriodSerializer(many=True, read_only=True)


def timeline_payload(data: dict[str, Any]) -> dict[str, Any]:
    """The timeline with periods flattened to plain data."""
    periods = [
        {"id": row["period"].pk, "number": row["period"].number, "start": row["period"].start,
         "end": row["period"].end, "current": row["current"], "left": row["left"], "width": row["width"]}
        for row in data["periods"]
    ]
    return {**data, "periods": periods}


class ProjectSerializer(serializers.ModelSerializer[m.Project]):
    """A project's facts and timeline."""

    end_date = serializers.DateField(read_only=True)
    total_amount = money()
    total_currency = described_choice(CURRENCIES)
    stated_other_amount = money(allow_null=True)

    class Meta:
        model = m.Project
        fields = [
            "id", "acronym", "title", "title_local", "number", "programme_name", "approved_on", "start_date",
            "end_date", "contracting_months", "implementation_months", "closing_months", "period_months",
            "total_amount", "total_currency", "stated_other_amount",
        ]
        read_only_fields = fields


class ProjectDetailSerializer(ProjectSerializer):
    """A project with its computed money table."""

    money = serializers.SerializerMethodField()

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "money"]
        read_only_fields = fields

    @extend_schema_field(MoneySerializer)
    def get_money(self, obj: m.Project) -> dict[str, Any]:
        """The money table computed by `figures`."""
        return MoneySerializer(money_payload(obj)).data


class PeriodSerializer(serializers.ModelSerializer[m.Period]):
    """A reporting period."""

    project: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="acronym", read_only=True)

    class Meta:
        model = m.Period
        fields = ["id", "project", "number", "start", "end"]
        read_only_fields = fields


class PartnerSerializer(serializers.ModelSerializer[m.Partner]):
    """A partner of a project."""

    project: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    city = serializers.CharField(source="organisation.city.slug", read_only=True)

    class Meta:
        model = m.Partner
        fields = ["id", "project", "number", "role", "organisation", "organisation_name", "city", "currency",
                  "budget_note"]
        read_only_fields = fields


class EditablePartnerField(serializers.PrimaryKeyRelatedField[m.Partner]):
    """A partner given by id, limited to partners whose city the requesting user edits."""

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return editable_partners(request.user if request else None).select_related("project")


class BudgetLineSerializer(serializers.ModelSerializer[m.BudgetLine]):
    """A planned amount; POST sets (creates or replaces) the line of a partner, category and period."""

    partner = serializers.PrimaryKeyRelatedField(queryset=m.Partner.objects.all())
    period = serializers.PrimaryKeyRelatedField(queryset=m.Period.objects.all(), allow_null=True, required=False)
    period_number = serializers.IntegerField(source="period.number", read_only=True, allow_null=True)
    currency = serializers.CharField(source="partner.currency", read_only=True)

    class Meta:
        model = m.BudgetLine
        fields = ["id", "partner", "category", "period", "period_number", "amount", "currency"]
        validators: list[Any] = []  # the service sets an existing line instead of refusing a duplicate

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """A line's partner, category and period identify it and do not change; only the amount does."""
        if self.instance is not None:
            for key in ("partner", "category", "period"):
                if key in attrs and attrs[key] != getattr(self.instance, key):
                    raise serializers.ValidationError({key: [_("Set a new line instead of moving this one.")]})
        return attrs


class ExpenditureSerializer(serializers.ModelSerializer[m.Expenditure]):
    """An expenditure item; the partner is one the user edits, the currency defaults to the partner's."""

    partner = EditablePartnerField()
    period = serializers.PrimaryKeyRelatedField(queryset=m.Period.objects.all())
    period_number = serializers.IntegerField(source="period.number", read_only=True)
    attachment = PrivateFileField("programme:file-expenditure", required=False, allow_null=True,
                                  validators=[limit_size])

    class Meta:
        model = m.Expenditure
        fields = ["id", "partner", "period", "period_number", "date", "category", "description", "amount",
                  "currency", "supplier", "invoice_number", "vat", "vat_recoverable", "payment_date",
                  "exchange_rate", "procurement", "attachment", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"currency": {"required": False}}

    def validate_partner(self, value: m.Partner) -> m.Partner:
        """Items stay with their partner."""
        if self.instance is not None and value != self.instance.partner:
            raise serializers.ValidationError(_("An item cannot be moved to another partner."))
        return value


class SnapshotSerializer(serializers.ModelSerializer[m.ReportSnapshot]):
    """What a report showed when it was submitted."""

    class Meta:
        model = m.ReportSnapshot
        fields = ["version", "taken_at", "data"]
        read_only_fields = fields


def latest_snapshot(report: m.PartnerReport | m.ProjectReport) -> dict[str, Any] | None:
    """The newest snapshot (from prefetched rows when there are some)."""
    rows = list(report.snapshots.all())
    return SnapshotSerializer(max(rows, key=lambda s: s.version)).data if rows else None


class PartnerReportSerializer(serializers.ModelSerializer[m.PartnerReport]):
    """A partner's report for a period, with its latest snapshot; POST opens (or returns) the draft."""

    partner = EditablePartnerField()
    period = serializers.PrimaryKeyRelatedField(queryset=m.Period.objects.all())
    period_number = serializers.IntegerField(source="period.number", read_only=True)
    city = serializers.CharField(source="partner.organisation.city.slug", read_only=True)
    certified_amount = money(allow_null=True)
    snapshot = serializers.SerializerMethodField()

    class Meta:
        model = m.PartnerReport
        fields = ["id", "partner", "city", "period", "period_number", "status", "summary", "submitted_at",
                  "certified_amount", "snapshot"]
        read_only_fields = ["status", "summary", "submitted_at"]
        validators: list[Any] = []  # opening an existing report returns it

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The period must be one of the partner's project."""
        if attrs["period"].project_id != attrs["partner"].project_id:
            raise serializers.ValidationError({"period": [_("The period belongs to another project.")]})
        return attrs

    @extend_schema_field(SnapshotSerializer(allow_null=True))
    def get_snapshot(self, obj: m.PartnerReport) -> dict[str, Any] | None:
        """The latest snapshot."""
        return latest_snapshot(obj)


class ProjectReportSerializer(serializers.ModelSerializer[m.ProjectReport]):
    """The project report for a period, with its latest snapshot."""

    project: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    period_number = serializers.IntegerField(source="period.number", read_only=True)
    status = described_choice(m.ReportStatus.choices)
    snapshot = serializers.SerializerMethodField()

    class Meta:
        model = m.ProjectReport
        fields = ["id", "project", "period", "period_number", "status", "summary", "submitted_at", "snapshot"]
        read_only_fields = fields

    @extend_schema_field(SnapshotSerializer(allow_null=True))
    def get_snapshot(self, obj: m.ProjectReport) -> dict[str, Any] | None:
        """The latest snapshot."""
        return latest_snapshot(obj)


class SubmitSerializer(serializers.Serializer[Any]):
    """Body of a submit: an optional summary of progress."""

    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class RequestChangesSerializer(serializers.Serializer[Any]):
    """Body of a request for changes: what the partner should correct."""

    comment = serializers.CharField()


class IndicatorSerializer(serializers.ModelSerializer[m.Indicator]):
    """An output indicator with its target."""

    project: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="acronym", read_only=True)

    class Meta:
        model = m.Indicator
        fields = ["id", "project", "code", "name", "unit", "baseline", "target", "target_note", "provider",
                  "due_date", "order"]
        read_only_fields = fields


class IndicatorValueSerializer(serializers.ModelSerializer[m.IndicatorValue]):
    """A manually recorded value; city editors record values of their own city."""

    indicator = serializers.PrimaryKeyRelatedField(queryset=m.Indicator.objects.all())
    city = WritableCityField(slug_field="slug", allow_null=True, required=False)
    evidence = PrivateFileField("programme:file-indicator-value", required=False, allow_null=True,
                                validators=[limit_size])

    class Meta:
        model = m.IndicatorValue
        fields = ["id", "indicator", "city", "value", "recorded_on", "note", "evidence", "evidence_url"]

    def to_representation(self, instance: m.IndicatorValue) -> dict[str, Any]:
        """Show the city slug even where the reader may not edit that city."""
        data = super().to_representation(instance)
        data["city"] = instance.city.slug if instance.city is not None else None
        return data


class SignatorySerializer(serializers.ModelSerializer[m.Signatory]):
    """A signature of the charter."""

    evidence = PrivateFileField("programme:file-signatory", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    city: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = m.Signatory
        fields = ["id", "person", "title", "organisation", "city", "signed_on", "is_mayor", "evidence"]
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer[m.Commitment]):
    """A commitment of the charter."""

    owner = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = m.Commitment
        fields = ["id", "text", "owner", "due_on", "status"]
        read_only_fields = fields


class SigningStatusSerializer(serializers.Serializer[Any]):
    """Whether a partner city's mayor signed this version."""

    city = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    signed = serializers.BooleanField(read_only=True)
    person = serializers.CharField(read_only=True, allow_null=True)
    signed_on = serializers.DateField(read_only=True, allow_null=True)


class CharterVersionSerializer(serializers.ModelSerializer[m.CharterVersion]):
    """A charter version with its signatories, commitments and each partner city's signing status."""

    project: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    signatories = SignatorySerializer(many=True, read_only=True)
    commitments = CommitmentSerializer(many=True, read_only=True)
    signing_status = serializers.SerializerMethodField()

    class Meta:
        model = m.CharterVersion
        fields = ["id", "project", "version", "title", "text", "adopted_on", "signatories", "commitments",
                  "signing_status"]
        read_only_fields = fields

    @extend_schema_field(SigningStatusSerializer(many=True))
    def get_signing_status(self, obj: m.CharterVersion) -> list[dict[str, Any]]:
        """Every partner city, signed by its mayor or not."""
        cities: dict[int, City] = {}
        for partner in obj.project.partners.all():
            cities.setdefault(partner.organisation.city_id, partner.organisation.city)
        mayors = {s.city_id: s for s in obj.signatories.all() if s.is_mayor}
        rows = []
        for city in sorted(cities.values(), key=lambda c: c.name_en):
            signatory = mayors.get(city.pk)
            rows.append({"city": city.slug, "name": city.name, "signed": signatory is not None,
                         "person": signatory.person if signatory else None,
                         "signed_on": signatory.signed_on if signatory else None})
        return SigningStatusSerializer(rows, many=True).data  # type: ignore[return-value]


class MilestoneSerializer(serializers.ModelSerializer[m.Milestone]):
    """A dated step of a pilot."""

    class Meta:
        model = m.Milestone
        fields = ["id", "title", "due_on", "done_on"]
        read_only_fields = fields


class PilotSerializer(serializers.ModelSerializer[m.PilotProject]):
    """A pilot project with its milestones."""

    project: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    city: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    budget = money()
    milestones = MilestoneSerializer(many=True, read_only=True)
    evidence = PrivateFileField("programme:file-pilot", read_only=True)

    class Meta:
        model = m.PilotProject
        fields = ["id", "project", "city", "title", "description", "site_reference", "budget", "currency",
                  "status", "evidence", "milestones"]
        read_only_fields = fields



class ItemVerificationSerializer(serializers.ModelSerializer[m.ItemVerification]):
    """The controller's finding on one item of a report."""

    error_type: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True,
                                                                                   allow_null=True)
    verified = money()

    class Meta:
        model = m.ItemVerification
        fields = ["id", "report", "expenditure", "in_sample", "outcome", "declared", "deduction", "verified",
                  "error_type", "comment"]
        read_only_fields = fields


class ClaimCertificateSerializer(serializers.ModelSerializer[m.ClaimCertificate]):
    """One certificate as a claim included it."""

    partner = serializers.IntegerField(source="report.partner_id", read_only=True)
    period_number = serializers.IntegerField(source="report.period.number", read_only=True)

    class Meta:
        model = m.ClaimCertificate
        fields = ["report", "partner", "period_number", "certified", "currency", "certified_eur", "fund_name",
                  "fund", "fund_eur"]
        read_only_fields = fields


class ClaimSerializer(serializers.ModelSerializer[m.Claim]):
    """A claim with the certificates it includes."""

    project: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    certificates = ClaimCertificateSerializer(many=True, read_only=True)

    class Meta:
        model = m.Claim
        fields = ["id", "project", "number", "title", "status", "submitted_at", "certificates"]
        read_only_fields = fields
