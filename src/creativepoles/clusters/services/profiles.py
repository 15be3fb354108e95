"""Partner profiles: create and change one's own; suggestions with reasons, computed in bulk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.analysis.matching import MatchProfile, Suggestion, suggest
from creativepoles.clusters.models import Profile
from creativepoles.clusters.taxonomy import GROUP_LABELS
from creativepoles.core import enterprises
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, VIEW, require

PROFILE_FIELDS = ("firm_name", "enterprise_id", "city", "group", "offers", "seeks", "offer_tags", "seek_tags",
                  "languages", "interests", "visibility")


def _link_enterprise(profile: Profile) -> None:
    """A register firm must exist in the profile's city; its name and group come from the register."""
    if profile.enterprise_id is None:
        return
    firm = enterprises.lookup([profile.enterprise_id]).get(profile.enterprise_id)
    if firm is None:
        raise DomainError(_("This firm is not in the business register."), "enterprise_id")
    if firm.city_id != profile.city_id:
        raise DomainError(_("This register firm is in another city."), "enterprise_id")
    profile.firm_name = firm.name
    if firm.group in GROUP_LABELS:
        profile.group = firm.group


def _clean(profile: Profile) -> None:
    for name in ("offer_tags", "seek_tags", "languages", "interests"):
        value = getattr(profile, name)
        if isinstance(value, (list, tuple)):
            setattr(profile, name, sorted({str(v) for v in value}))
    _link_enterprise(profile)
    try:
        profile.full_clean(exclude=["owner"])
    except ValidationError as error:
        raise domain_error_from(error) from None


@transaction.atomic
def create_profile(actor: Any, **data: Any) -> Profile:
    """Add a partner profile owned by the actor."""
    profile = Profile(owner=actor if getattr(actor, "is_authenticated", False) else None,
                      **{k: v for k, v in data.items() if k in PROFILE_FIELDS})
    require(actor, ADD, profile, _("Sign in to add a partner profile."))
    _clean(profile)
    profile.save()
    record_audit(actor, "create_profile", profile, {"firm_name": profile.firm_name, "city": profile.city_id})
    return profile


@transaction.atomic
def update_profile(actor: Any, profile: Profile, **data: Any) -> Profile:
    """Change one's own profile."""
    require(actor, CHANGE, profile, _("Only the profile's owner may change it."))
    changes = apply_changes(profile, data, PROFILE_FIELDS)
    _clean(profile)
    profile.save()
    if changes:
        record_audit(actor, "update_profile", profile, changes)
    return profile


def match_input(profile: Profile) -> MatchProfile:
    """What the matcher reads of a profile."""
    return MatchProfile(
        key=profile.pk, city=profile.city_id, group=profile.group, offers=profile.offers, seeks=profile.seeks,
        offer_tags=frozenset(profile.offer_tags or ()), seek_tags=frozenset(profile.seek_tags or ()),
        interests=frozenset(profile.interests or ()), candidate=profile.visibility == "public")


@dataclass(frozen=True)
class Suggested:
    """A suggested partner profile with the matcher's reasons."""

    profile: Profile
    reasons: Suggestion


def suggestions_for(actor: Any, profile: Profile, top: int = 10) -> list[Suggested]:
    """The partners suggested to one's own profile, best first: only public profiles are candidates."""
    require(actor, CHANGE, profile, _("Only the profile's owner sees its suggestions."))
    pool = list(Profile.objects.suggestible().exclude(owner=profile.owner).select_related("city"))
    if profile.visibility != "public":
        pool.append(profile)
    inputs = [match_input(p) for p in pool if p.pk != profile.pk] + [match_input(profile)]
    found = suggest(inputs, top=top, only=[profile.pk]).get(profile.pk, [])
    by_pk = {p.pk: p for p in pool}
    return [Suggested(by_pk[s.partner], s) for s in found if s.partner in by_pk and s.partner != profile.pk]


def all_suggestions(top: int = 10) -> dict[int, list[Suggestion]]:
    """Suggestions for every profile at once (bulk, e.g. for a nightly digest); hidden profiles are never
    candidates."""
    inputs = [match_input(p) for p in Profile.objects.all()]
    return suggest(inputs, top=top)


def visible_profiles(actor: Any) -> Any:
    """Profiles the actor may see."""
    return Profile.objects.for_user(actor, VIEW)
