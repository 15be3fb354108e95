"""Every write to a business plan: start it, write its sections and financials, submit, review, version."""

from __future__ import annotations

import difflib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.advisory import financials as fin
from creativepoles.advisory.guidance import COMMENT_TARGETS, FINANCIALS, SECTION_KEYS, section_title, template
from creativepoles.advisory.models import BusinessPlan, PlanComment, PlanSection, PlanStatus, PlanVersion
from creativepoles.core import enterprises
from creativepoles.core.changes import apply_changes, plain
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.notifications import notify
from creativepoles.core.permissions import ADD, CHANGE, CONTROL, DELETE, require

PLAN_FIELDS = ("title", "city", "firm_name", "enterprise_id", "site_id", "premises_area_m2", "adviser", "centre")
MAX_SECTION = 20000


def _clean(plan: BusinessPlan) -> None:
    try:
        plan.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None


def _check_links(plan: BusinessPlan) -> None:
    """The firm must be one the register knows; the consultant one the centre employs."""
    if plan.enterprise_id is not None and enterprises.source_name() and plan.enterprise_id not in enterprises.lookup(
            [plan.enterprise_id]):
        raise DomainError(_("The business register holds no such firm."), "enterprise_id")
    if plan.site_id is not None and fin.plan_premises(plan) is None and plan.premises_area_m2:
        raise DomainError(_("There is no such site."), "site_id")


@transaction.atomic
def create_plan(actor: Any, *, title: str, city: Any, template_key: str = "", **data: Any) -> BusinessPlan:
    """Start a plan owned by the actor, from a creative group's template when one is chosen."""
    start = template(template_key) if template_key else None
    if template_key and start is None:
        raise DomainError(_("Unknown template."), "template")
    plan = BusinessPlan(owner=actor if getattr(actor, "is_authenticated", False) else None, title=title, city=city,
                        template=template_key, **{k: v for k, v in data.items() if k in PLAN_FIELDS})
    require(actor, ADD, plan)
    if start is not None:
        plan.financials = start.financials
    _check_links(plan)
    _clean(plan)
    plan.save()
    if start is not None:
        PlanSection.objects.bulk_create([PlanSection(plan=plan, key=key, text=str(text))
                                         for key, text in start.sections.items()])
    record_audit(actor, "create_plan", plan, {"title": plan.title, "template": template_key})
    return plan


def _require_editable(actor: Any, plan: BusinessPlan) -> None:
    require(actor, CHANGE, plan)
    if not plan.is_editable:
        raise DomainError(_("The plan is with the consultant: wait for the review before changing it."))


@transaction.atomic
def update_plan(actor: Any, plan: BusinessPlan, **data: Any) -> BusinessPlan:
    """Change a plan's facts: title, firm, premises, consultant."""
    _require_editable(actor, plan)
    changes = apply_changes(plan, data, PLAN_FIELDS)
    _check_links(plan)
    _clean(plan)
    plan.save()
    if changes:
        record_audit(actor, "update_plan", plan, changes)
    return plan


@transaction.atomic
def write_section(actor: Any, plan: BusinessPlan, key: str, text: str) -> BusinessPlan:
    """Replace the text of one section."""
    _require_editable(actor, plan)
    if key not in SECTION_KEYS:
        raise DomainError(_("Unknown section."), "section")
    text = (text or "").replace("\x00", "").strip()
    if len(text) > MAX_SECTION:
        raise DomainError(_("A section holds at most %(n)s characters.") % {"n": MAX_SECTION}, "text")
    row, _created = PlanSection.objects.get_or_create(plan=plan, key=key)
    if row.text != text:
        row.text = text
        row.save(update_fields=["text"])
        plan.save(update_fields=["updated_at"])
        record_audit(actor, "write_plan_section", plan, {"section": key})
    return plan


@transaction.atomic
def set_financials(actor: Any, plan: BusinessPlan, data: Any) -> BusinessPlan:
    """Replace the financial inputs; every bad field is refused with its message, nothing is saved."""
    _require_editable(actor, plan)
    fin.validate(data)
    plan.financials = data
    plan.save(update_fields=["financials", "updated_at"])
    record_audit(actor, "set_plan_financials", plan)
    return plan


def _snapshot(actor: Any, plan: BusinessPlan) -> PlanVersion:
    plan.version = F("version") + 1
    plan.save(update_fields=["version"])
    plan.refresh_from_db(fields=["version"])
    return PlanVersion.objects.create(plan=plan, number=plan.version, title=plan.title, sections=plan.section_texts(),
                                      financials=plan.financials, created_by=actor)


@transaction.atomic
def submit_plan(actor: Any, plan: BusinessPlan) -> BusinessPlan:
    """Hand the plan to the consultant for review; the text as submitted becomes a numbered version."""
    plan = BusinessPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(actor, plan)
    if plan.adviser_id is None:
        raise DomainError(_("Choose a consultant to review the plan."), "adviser")
    if not (plan.section_texts().get("summary") or "").strip():
        raise DomainError(_("Write the summary before submitting."), "summary")
    fin.validate(plan.financials)
    old = plan.status
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_at", "updated_at"])
    version = _snapshot(actor, plan)
    record_audit(actor, "submit_plan", plan, {"status": [old, plan.status], "version": version.number})
    notify([plan.adviser], _("A business plan to review: %(title)s") % {"title": plan.title},
           _("Version %(n)s was submitted for your review.") % {"n": version.number}, plan.get_absolute_url(),
           kind="advisory.plan_submitted")
    return plan


def _require_review(actor: Any, plan: BusinessPlan) -> None:
    require(actor, CONTROL, plan)
    if plan.status != PlanStatus.SUBMITTED:
        raise DomainError(_("Only a submitted plan can be reviewed."))


@transaction.atomic
def comment_on_plan(actor: Any, plan: BusinessPlan, section: str, text: str) -> PlanComment:
    """A consultant's comment on one section (or on the financials) of the submitted version."""
    _require_review(actor, plan)
    if section not in COMMENT_TARGETS:
        raise DomainError(_("Unknown section."), "section")
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise DomainError(_("Write a comment."), "text")
    comment = PlanComment(plan=plan, section=section, author=actor, text=text, version=plan.version)
    require(actor, ADD, comment)
    _clean_comment(comment)
    comment.save()
    record_audit(actor, "comment_on_plan", plan, {"section": section})
    return comment


def _clean_comment(comment: PlanComment) -> None:
    try:
        comment.full_clean()
    except ValidationError as error:
        raise domain_error_from(error, "text") from None


@transaction.atomic
def review_plan(actor: Any, plan: BusinessPlan, decision: str, comments: dict[str, str] | None = None) -> BusinessPlan:
    """Approve the submitted plan or send it back with changes requested, with comments per section."""
    plan = BusinessPlan.objects.select_for_update().get(pk=plan.pk)
    _require_review(actor, plan)
    if decision not in (PlanStatus.APPROVED, PlanStatus.CHANGES_REQUESTED):
        raise DomainError(_("Choose approve or request changes."), "decision")
    written = {k: v for k, v in (comments or {}).items() if (v or "").strip()}
    for section, text in written.items():
        comment_on_plan(actor, plan, section, text)
    if decision == PlanStatus.CHANGES_REQUESTED and not written and not plan.comments.filter(
            version=plan.version).exists():
        raise DomainError(_("Say what to change: comment on at least one section."), "comments")
    old = plan.status
    plan.status = decision
    plan.decided_at = timezone.now()
    plan.save(update_fields=["status", "decided_at", "updated_at"])
    record_audit(actor, "review_plan", plan, {"status": [old, decision]})
    subject = (_("Your business plan was approved: %(title)s") if decision == PlanStatus.APPROVED
               else _("Changes requested in your business plan: %(title)s")) % {"title": plan.title}
    notify([plan.owner], subject, "", plan.get_absolute_url(), kind="advisory.plan_reviewed")
    return plan


@transaction.atomic
def delete_plan(actor: Any, plan: BusinessPlan) -> None:
    """Delete a plan that was never approved (an approved plan counts toward the programme)."""
    require(actor, DELETE, plan)
    plan.refresh_from_db(fields=["status"])
    if plan.status == PlanStatus.APPROVED:
        raise DomainError(_("An approved plan is kept: it counts toward the programme."))
    record_audit(actor, "delete_plan", plan, {"title": plan.title})
    plan.delete()


def diff_versions(old: PlanVersion | None, new: PlanVersion) -> list[dict[str, Any]]:
    """What changed between two versions, section by section, as lines added and removed."""
    rows = []
    before_sections = old.sections if old is not None else {}
    for key in SECTION_KEYS:
        before, after = (before_sections.get(key) or "").splitlines(), (new.sections.get(key) or "").splitlines()
        if before == after:
            continue
        lines = [{"kind": "added" if line.startswith("+") else "removed", "text": line[2:]}
                 for line in difflib.ndiff(before, after) if line[:1] in "+-"]
        rows.append({"section": key, "title": section_title(key), "lines": lines})
    before_fin = old.financials if old is not None else {}
    if before_fin != new.financials:
        changed: list[dict[str, str] | None] = []
        for path, (was, now) in sorted(_flat_changes(before_fin, new.financials).items()):
            label = fin.readable_path(path)
            # Numbers are shown; names typed into the model are not repeated here.
            changed.append({"kind": "removed", "text": f"{label}: {_shown(was)}"} if was is not None else None)
            changed.append({"kind": "added", "text": f"{label}: {_shown(now)}"} if now is not None else None)
        rows.append({"section": FINANCIALS, "title": section_title(FINANCIALS),
                     "lines": [line for line in changed if line is not None]})
    return rows


def _shown(value: Any) -> str:
    text = str(value)
    return text if all(part.replace(".", "", 1).lstrip("-").isdigit() for part in text.split()) and text else "…"


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(data, list):
        if all(not isinstance(v, dict | list) for v in data):
            return {prefix: " ".join(str(v) for v in data)}
        out = {}
        for index, value in enumerate(data):
            out.update(_flat(value, f"{prefix}.{index}"))
        return out
    return {prefix: plain(data)}


def _flat_changes(before: Any, after: Any) -> dict[str, tuple[Any, Any]]:
    a, b = _flat(before), _flat(after)
    return {key: (a.get(key), b.get(key)) for key in set(a) | set(b) if a.get(key) != b.get(key)}
