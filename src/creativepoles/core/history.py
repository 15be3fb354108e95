"""Audit entries as people read them: who, when, a sentence for what was done, field labels, before → after.

Entries store codes (`report_submitted`, `{"status": ["draft", "submitted"]}`) so that they stay stable across
languages and releases; this module turns them into words at display time. Apps name their verbs in
`AppConfig.ready()` with `register_verbs`, so core never imports a module to describe its writes. An unknown
verb still reads as a sentence ("Changed …"), never as its code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from creativepoles.core.formatting import format_amount, format_quantity
from creativepoles.core.people import person_name
from creativepoles.core.permissions import scope_for

# verb -> sentence with %(record)s, e.g. "Submitted %(record)s"
_VERBS: dict[str, Any] = {}
# keys of `changes` that are not model fields (counts, files) -> their label
_EXTRA_LABELS: dict[str, Any] = {
    "periods": gettext_lazy("periods"),
    "file": gettext_lazy("file"),
    "photo": gettext_lazy("photo"),
    "document": gettext_lazy("document"),
    "sites": gettext_lazy("sites"),
    "criteria": gettext_lazy("criteria"),
    "radii": gettext_lazy("distances"),
    "bbox": gettext_lazy("area"),
    "from": gettext_lazy("previous coordinator"),
    "user": gettext_lazy("person"),
    "note": gettext_lazy("note"),
    "method": gettext_lazy("method"),
    "version": gettext_lazy("version"),
}
ARROW = "\u2192"


def register_verbs(verbs: Mapping[str, Any]) -> None:
    """Name an app's audit verbs: {verb: sentence with %(record)s}; called from AppConfig.ready()."""
    _VERBS.update(verbs)


def register_labels(labels: Mapping[str, Any]) -> None:
    """Name keys of an app's audit changes that are not fields of the model."""
    _EXTRA_LABELS.update(labels)


def verb_sentence(verb: str, record: str) -> str:
    """What was done, as a sentence; an unregistered verb reads "Changed …" rather than showing its code."""
    template = _VERBS.get(verb)
    if template is None:
        return _("Changed %(record)s") % {"record": record}
    return str(template) % {"record": record}


@dataclass
class Change:
    """One changed field: its label and the values before and after, in words."""

    label: str
    before: str | None
    after: str


@dataclass
class Line:
    """One audit entry ready for a page."""

    at: dt.datetime
    who: str
    kind: str
    record: str
    sentence: str
    changes: list[Change] = field(default_factory=list)

    @property
    def when(self) -> str:
        """The moment in the site's time zone and the active language's format."""
        return date_format(timezone.localtime(self.at), "SHORT_DATETIME_FORMAT")


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def kind_label(label: str) -> str:
    """A record kind (`programme.partnerreport`) as its verbose name ("partner report")."""
    model = _model(label)
    return str(model._meta.verbose_name) if model is not None else _("record")


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, name: str) -> str:
    found = _field(model, name)
    if found is not None and hasattr(found, "verbose_name"):
        return str(found.verbose_name)
    extra = _EXTRA_LABELS.get(name)
    return str(extra) if extra is not None else name.replace("_", " ")


def _plain(value: Any) -> str:
    """Any stored value in words: lists joined, mappings as "key: value", numbers localised."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, (int, float, Decimal)):
        return format_quantity(value)
    return str(value)


class _Resolver:
    """Names of related rows, fetched once per related model for a whole page of entries."""

    def __init__(self, viewer: Any) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], str], str] = {}
        self.member = scope_for(viewer).is_member

    def want(self, related: type[models.Model], value: Any) -> None:
        if value not in (None, ""):
            self.wanted[related].add(value)

    def fetch(self) -> None:
        for related, ids in self.wanted.items():
            clean = []
            for value in ids:
                # A malformed stored id is shown as unknown rather than raised.
                with contextlib.suppress(ValidationError, TypeError, ValueError):
                    clean.append(related._meta.pk.to_python(value))  # type: ignore[union-attr]
            for pk, obj in related._base_manager.in_bulk(clean).items():
                self.names[(related, str(pk))] = self._name(obj)

    def _name(self, obj: Any) -> str:
        if hasattr(obj, "get_full_name") and hasattr(obj, "email"):
            return person_name(obj) if self.member else _("a registered user")
        return str(obj)

    def name(self, related: type[models.Model], value: Any) -> str:
        if value in (None, ""):
            return "—"
        return self.names.get((related, str(value)), _("(removed)"))


def _value(model: type[models.Model] | None, name: str, value: Any, resolver: _Resolver, currency: str) -> str:
    found = _field(model, name)
    if found is not None and getattr(found, "many_to_one", False) and found.related_model is not None:
        return resolver.name(found.related_model, value)
    if found is not None and getattr(found, "choices", None) and value not in (None, ""):
        return str(dict(found.flatchoices).get(value, value))
    if isinstance(found, models.DecimalField) or name in ("amount", "certified_amount"):
        try:
            return format_amount(Decimal(str(value)), currency or None) if value not in (None, "") else "—"
        except (InvalidOperation, ValueError):
            return _plain(value)
    if isinstance(found, models.DateField) and isinstance(value, str):
        try:
            return date_format(dt.date.fromisoformat(value[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return _plain(value)


def _pairs(changes: Any) -> Iterable[tuple[str, Any, Any, bool]]:
    """(key, before, after, has_before) for each stored change, whatever its shape."""
    if not isinstance(changes, Mapping):
        return []
    out = []
    for key, value in changes.items():
        if isinstance(value, (list, tuple)) and len(value) == 2 and key not in ("bbox", "criteria", "radii", "from"):
            out.append((str(key), value[0], value[1], True))
        else:
            out.append((str(key), None, value, False))
    return out


def readable(entries: Iterable[Any], viewer: Any) -> list[Line]:
    """Audit entries as lines of a timeline; related names cost one query per related model, not per entry."""
    entries = list(entries)
    resolver = _Resolver(viewer)
    for entry in entries:
        model = _model(entry.model)
        for key, before, after, _has_before in _pairs(entry.changes):
            found = _field(model, key)
            related = found.related_model if found is not None and getattr(found, "many_to_one", False) else None
            if related is not None:
                resolver.want(related, before)
                resolver.want(related, after)
    resolver.fetch()
    lines = []
    for entry in entries:
        model = _model(entry.model)
        changes = entry.changes if isinstance(entry.changes, Mapping) else {}
        currency = str(changes.get("currency", "")) if isinstance(changes.get("currency", ""), str) else ""
        rows = []
        for key, before, after, has_before in _pairs(changes):
            if key == "currency" and not has_before:
                continue  # shown with the amount
            rows.append(Change(_label(model, key),
                               _value(model, key, before, resolver, currency) if has_before else None,
                               _value(model, key, after, resolver, currency)))
        record = entry.summary or kind_label(entry.model)
        lines.append(Line(at=entry.at, who=_who(entry, resolver), kind=kind_label(entry.model), record=record,
                          sentence=verb_sentence(entry.verb, record), changes=rows))
    return lines


def readable_person(user: Any, viewer: Any) -> str:
    """A person as `viewer` may see them: a name for members of the network, else no name at all."""
    return person_name(user) if scope_for(viewer).is_member else _("a registered user")


def _who(entry: Any, resolver: _Resolver) -> str:
    if entry.actor is not None:
        return resolver._name(entry.actor)
    if entry.actor_name:
        return entry.actor_name if resolver.member else _("a registered user")
    return _("the system")


register_verbs({
    "create": gettext_lazy("Created %(record)s"),
    "update": gettext_lazy("Changed %(record)s"),
    "delete": gettext_lazy("Deleted %(record)s"),
    "grant": gettext_lazy("Granted a role: %(record)s"),
    "add_city": gettext_lazy("Added the city %(record)s"),
    "hand_over_coordination": gettext_lazy("Handed the network's coordination to %(record)s"),
    "request_role": gettext_lazy("Asked for a role: %(record)s"),
    "approve_role_request": gettext_lazy("Approved the role request %(record)s"),
    "decline_role_request": gettext_lazy("Declined the role request %(record)s"),
})
