"""A person's personal feed token: one live token at a time; revoking it ends the old URL."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from creativepoles.core.permissions import ADD, require
from creativepoles.events.models import FeedToken


@transaction.atomic
def start_feed_token(actor: Any) -> FeedToken:
    """A new secret feed URL for the actor; any earlier one stops working."""
    revoke_feed_token(actor)
    token = FeedToken(owner=actor)
    require(actor, ADD, token)
    token.save()
    return token


@transaction.atomic
def revoke_feed_token(actor: Any) -> int:
    """End the actor's feed URLs."""
    return FeedToken.objects.filter(owner=actor, revoked_at__isnull=True).update(revoked_at=timezone.now())
