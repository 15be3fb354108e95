"""Clusters: list, detail with members and activities, founding, status, the formation assistant."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.clusters.forms import ActivityForm, AgreementForm, ClusterForm, FormationForm, MemberForm, StatusForm
from creativepoles.clusters.models import Cluster, ClusterMember
from creativepoles.clusters.services import clusters as services
from creativepoles.clusters.taxonomy import GROUP_LABELS
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import ADD, CHANGE, EVIDENCE, VIEW, can, could, get_object_for


def cluster_list(request: HttpRequest) -> HttpResponse:
    """Clusters the user may see, with the cities they cover."""
    clusters = Cluster.objects.for_user(request.user).select_related("city").prefetch_related("members__city")
    city = request.GET.get("city", "")
    if city:
        # The clusters a city's firms belong to, each with those firms: what the city story counts.
        clusters = clusters.filter(members__city__slug=city).distinct()
    rows = [{"cluster": c, "cities": sorted({m.city.name for m in c.members.all()}),
             "city_firms": [m for m in c.members.all() if city and m.city.slug == city]} for c in clusters]
    return render(request, "clusters/cluster_list.html", {"rows": rows, "can_add": could(request.user, ADD, Cluster),
                                                          "city": city})


def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A cluster: focus, status, members and cities, activities and joint offers."""
    cluster = get_object_for(request.user, VIEW, Cluster.objects.select_related("city"), pk=pk)
    can_edit = can(request.user, CHANGE, cluster)
    members = ClusterMember.objects.for_user(request.user).filter(cluster=cluster).select_related("city")
    return render(request, "clusters/cluster_detail.html", {
        "cluster": cluster, "can_edit": can_edit, "members": members,
        "cities": sorted({m.city.name for m in members}), "activities": cluster.activities.all(),
        "status_form": StatusForm(initial={"status": cluster.status}),
        "member_form": MemberForm(user=request.user), "activity_form": ActivityForm(),
        "agreement_form": AgreementForm(), "can_see_agreement": can(request.user, EVIDENCE, cluster),
    })


@login_required
def cluster_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Found a cluster (optionally with the profiles the assistant proposed), or edit one."""
    cluster = None
    if pk is not None:
        cluster = get_object_for(request.user, CHANGE, Cluster.objects.all(), pk=pk)
    elif not could(request.user, ADD, Cluster):
        raise PermissionDenied
    form = ClusterForm(request.POST or None, instance=cluster)
    proposed = [int(p) for p in (request.POST.getlist("profiles") or request.GET.getlist("profiles"))
                if p.isdigit()][:12]
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if cluster is None:
                cluster = services.create_cluster(request.user, profile_ids=proposed, **data)
            else:
                cluster = services.update_cluster(request.user, Cluster.objects.get(pk=cluster.pk), **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Cluster saved."))
            return HttpResponseRedirect(cluster.get_absolute_url())
    return render(request, "clusters/cluster_form.html", {"form": form, "cluster": cluster, "proposed": proposed},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def cluster_change(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Change a cluster's status, add a member or an activity, attach the agreement, remove a member."""
    cluster = get_object_for(request.user, CHANGE, Cluster.objects.all(), pk=pk)
    form: Any
    try:
        if what == "status":
            form = StatusForm(request.POST)
            if form.is_valid():
                services.change_cluster_status(request.user, cluster, form.cleaned_data["status"])
        elif what == "member":
            form = MemberForm(request.POST, user=request.user)
            if form.is_valid():
                data = dict(form.cleaned_data)
                services.add_member(request.user, cluster, data.pop("profile"), **data)
        elif what == "activity":
            form = ActivityForm(request.POST)
            if form.is_valid():
                services.add_activity(request.user, cluster, **form.cleaned_data)
        elif what == "agreement":
            form = AgreementForm(request.POST, request.FILES)
            if form.is_valid():
                services.attach_agreement(request.user, cluster, form.cleaned_data["file"])
        elif what == "remove-member":
            form = None
            member_pk = request.POST.get("member", "")
            member = get_object_or_404(cluster.members.all(), pk=int(member_pk) if member_pk.isdigit() else 0)
            services.remove_member(request.user, cluster, member)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(cluster.get_absolute_url())
    if form is not None and form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, _("Cluster updated."))
    return HttpResponseRedirect(cluster.get_absolute_url())


def cluster_agreement(request: HttpRequest, pk: int) -> FileResponse:
    """The cooperation agreement, for the founder, the coordinating city and the managers (else 404)."""
    cluster = get_object_or_404(Cluster.objects.for_user(request.user, EVIDENCE), pk=pk)
    if not cluster.agreement:
        raise Http404
    return FileResponse(cluster.agreement.open("rb"), as_attachment=True,
                        filename=(cluster.agreement.name or "").rsplit("/", 1)[-1])


@login_required
def formation(request: HttpRequest) -> HttpResponse:
    """The formation assistant: constraints in, a proposal with its score against greedy and the optimum out."""
    form = FormationForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "can_add": could(request.user, ADD, Cluster)}
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.propose_cluster(
                request.user, size=data["size"], cooperation=data["cooperation"],
                required_cities=[c.pk for c in data["required_cities"]], required_groups=data["required_groups"],
                excluded=[p.pk for p in data["excluded"]])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            members = found.members(found.proposal)
            context.update({
                "found": found, "members": [(p, GROUP_LABELS.get(p.group, p.group)) for p in members],
                "cities": sorted({p.city.name for p in members}),
                "ratio_greedy": found.proposal.score / found.greedy.score if found.greedy.score else None,
                "ratio_exact": found.proposal.score / found.exact.score if found.exact and found.exact.score
                else None,
            })
    status = 400 if request.GET and form.errors else 200
    return render(request, "clusters/formation.html", context, status=status)


