"""Clusters: found one (by hand or from the formation assistant), members, status, activities, agreement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis import clustering
from creativepoles.analysis.matching import pair_scores
from creativepoles.clusters.models import (
    COUNTED,
    Cluster,
    ClusterActivity,
    ClusterMember,
    ClusterStatus,
    Profile,
)
from creativepoles.clusters.services.profiles import match_input
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, require

CLUSTER_FIELDS = ("name", "focus", "cooperation", "city", "is_published", "established_on")
# The statuses a cluster may move to from each one.
MOVES = {
    ClusterStatus.FORMING: (ClusterStatus.ESTABLISHED, ClusterStatus.DISSOLVED),
    ClusterStatus.ESTABLISHED: (ClusterStatus.ACTIVE, ClusterStatus.DISSOLVED),
    ClusterStatus.ACTIVE: (ClusterStatus.DISSOLVED,),
    ClusterStatus.DISSOLVED: (ClusterStatus.FORMING,),
}
MAX_FORMATION_PROFILES = 400  # the assistant's pool: enough for the network, small enough for a page request


def _full_clean(obj: Any, **kwargs: Any) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise domain_error_from(error) from None


@transaction.atomic
def create_cluster(actor: Any, profile_ids: Sequence[int] = (), **data: Any) -> Cluster:
    """Found a cluster (status forming), with the given public profiles as its first members."""
    cluster = Cluster(**{k: v for k, v in data.items() if k in CLUSTER_FIELDS})
    cluster.created_by = actor if getattr(actor, "is_authenticated", False) else None
    require(actor, ADD, cluster, _("Sign in to found a cluster."))
    _full_clean(cluster, exclude=["agreement"])
    cluster.save()
    record_audit(actor, "create_cluster", cluster, {"name": cluster.name})
    for profile in Profile.objects.for_user(actor).filter(pk__in=list(profile_ids)).select_related("city"):
        _add_member(cluster, profile=profile)
    return cluster


@transaction.atomic
def update_cluster(actor: Any, cluster: Cluster, **data: Any) -> Cluster:
    """Change a cluster's facts."""
    require(actor, CHANGE, cluster, _("You cannot change this cluster."))
    changes = apply_changes(cluster, data, CLUSTER_FIELDS)
    require(actor, CHANGE, cluster, _("You cannot change this cluster."), "city")
    _full_clean(cluster, exclude=["agreement"])
    cluster.save()
    if changes:
        record_audit(actor, "update_cluster", cluster, changes)
    return cluster


@transaction.atomic
def change_cluster_status(actor: Any, cluster: Cluster, status: str) -> Cluster:
    """Move a cluster along forming → established → active → dissolved; establishing needs three partner cities."""
    require(actor, CHANGE, cluster, _("You cannot change this cluster."))
    if status not in ClusterStatus.values:
        raise DomainError(_("Unknown status."), "status")
    old = ClusterStatus(cluster.status)
    if status == old:
        return cluster
    if status not in MOVES[old]:
        raise DomainError(_("A cluster cannot move from %(old)s to %(new)s.") % {
            "old": old.label, "new": ClusterStatus(status).label}, "status")
    if status in COUNTED and cities_covered(cluster) < 3:
        raise DomainError(_("A cluster is established with firms from at least three partner cities."), "status")
    cluster.status = status
    if status in COUNTED and cluster.established_on is None:
        cluster.established_on = timezone.localdate()
    cluster.save(update_fields=["status", "established_on", "updated_at"])
    record_audit(actor, "change_cluster_status", cluster, {"status": [old.value, status]})
    return cluster


def cities_covered(cluster: Cluster) -> int:
    """How many cities the cluster's firms come from."""
    return cluster.members.values("city_id").distinct().count()


def _add_member(cluster: Cluster, profile: Profile | None = None, **data: Any) -> ClusterMember:
    if profile is not None:
        if cluster.members.filter(profile=profile).exists():
            raise DomainError(_("This firm is already a member."), "profile")
        data = {"firm_name": profile.firm_name, "city": profile.city, **{k: v for k, v in data.items() if v}}
    member = ClusterMember(cluster=cluster, profile=profile, **{k: v for k, v in data.items()
                                                                 if k in ("firm_name", "city", "contact_name",
                                                                          "role")})
    _full_clean(member)
    member.save()
    return member


@transaction.atomic
def add_member(actor: Any, cluster: Cluster, profile: Profile | None = None, **data: Any) -> ClusterMember:
    """Add a firm: one of the public profiles (or one's own), or a firm without a profile by name and city."""
    require(actor, CHANGE, cluster, _("You cannot change this cluster."))
    if profile is not None and not Profile.objects.for_user(actor).filter(pk=profile.pk).exists():
        raise DomainError(_("Choose a profile you can see."), "profile")
    member = _add_member(cluster, profile, **data)
    record_audit(actor, "add_cluster_member", cluster, {"member": member.firm_name})
    return member


@transaction.atomic
def remove_member(actor: Any, cluster: Cluster, member: ClusterMember) -> None:
    """Remove a firm; an established or active cluster keeps at least three partner cities."""
    require(actor, CHANGE, cluster, _("You cannot change this cluster."))
    if member.cluster_id != cluster.pk:
        raise DomainError(_("Not a member of this cluster."), "member")
    name = member.firm_name
    remaining = cluster.members.exclude(pk=member.pk).values("city_id").distinct().count()
    if cluster.status in COUNTED and remaining < 3:
        raise DomainError(_("An established cluster keeps firms from at least three partner cities."), "member")
    member.delete()
    record_audit(actor, "remove_cluster_member", cluster, {"member": name})


@transaction.atomic
def add_activity(actor: Any, cluster: Cluster, **data: Any) -> ClusterActivity:
    """Record a joint activity or a joint offer."""
    require(actor, CHANGE, cluster, _("You cannot change this cluster."))
    activity = ClusterActivity(cluster=cluster, **{k: v for k, v in data.items()
                                                   if k in ("kind", "title", "date", "description")})
    _full_clean(activity)
    activity.save()
    record_audit(actor, "add_cluster_activity", cluster, {"activity": activity.title})
    return activity


@transaction.atomic
def attach_agreement(actor: Any, cluster: Cluster, file: Any) -> Cluster:
    """Attach the signed cooperation agreement (private: the cluster's founder, its city and managers)."""
    require(actor, CHANGE, cluster, _("You cannot change this cluster."))
    cluster.agreement = file
    _full_clean(cluster)
    cluster.save(update_fields=["agreement", "updated_at"])
    record_audit(actor, "update_cluster", cluster, {"agreement": cluster.agreement.name})
    return cluster


@dataclass(frozen=True)
class Formation:
    """The assistant's answer: the proposal, the greedy baseline and, for small pools, the exact optimum."""

    profiles: list[Profile]
    proposal: clustering.Proposal
    greedy: clustering.Proposal
    exact: clustering.Proposal | None

    def members(self, proposal: clustering.Proposal) -> list[Profile]:
        """The profiles of a proposal."""
        return [self.profiles[i] for i in proposal.members]


def propose_cluster(actor: Any, size: int = 6, required_cities: Sequence[int] = (),
                    required_groups: Sequence[str] = (), excluded: Sequence[int] = (),
                    required: Sequence[int] = (), cooperation: str = "", exact_up_to: int = 40) -> Formation:
    """Propose a group of `size` public profiles from ≥ 3 cities maximising pairwise mutual-match scores."""
    if not 4 <= size <= 12:
        raise DomainError(_("A cluster proposal has 4 to 12 firms."), "size")
    pool = Profile.objects.suggestible().select_related("city").order_by("pk")
    # Filtered in Python: JSON "contains" lookups are not portable to SQLite.
    profiles = [p for p in pool if not cooperation or cooperation in (p.interests or [])][:MAX_FORMATION_PROFILES]
    index = {p.pk: i for i, p in enumerate(profiles)}
    scores = pair_scores([match_input(p) for p in profiles])
    constraints = clustering.Constraints(
        size=size, min_cities=3, required_cities=frozenset(required_cities),
        required_groups=frozenset(required_groups),
        excluded=frozenset(index[pk] for pk in excluded if pk in index),
        required=frozenset(index[pk] for pk in required if pk in index))
    if len(profiles) < size:
        raise DomainError(_("There are not enough public profiles for a cluster of this size."), "size")
    cities = [p.city_id for p in profiles]
    groups = [p.group for p in profiles]
    found = clustering.propose(scores, cities, groups, constraints, exact_up_to=exact_up_to)
    if not found["proposal"].feasible:
        raise DomainError(_("No group meets these constraints: relax them."), "size")
    return Formation(profiles, found["proposal"], found["greedy"], found.get("exact"))
