"""Demo partner profiles in all seven cities, one brokerage event with a schedule, and five clusters.

Firms are fictional; their texts are written in the city's language or in English, so the suggestions show
tags carrying matches across languages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from creativepoles.clusters.models import (
    BrokerageEvent,
    Cluster,
    ClusterActivity,
    ClusterMember,
    MeetingRequest,
    MeetingStatus,
    Profile,
)
from creativepoles.clusters.services.events import schedule_event
from creativepoles.core.demo import Demo, DemoContext, ensure_row

# key, city, firm, group, offers, seeks, offer tags, seek tags, languages, interests
FIRMS: list[tuple[str, str, str, str, str, str, list[str], list[str], list[str], list[str]]] = [
    ("k-sound", "klaipeda", "Bangų garso studija", "music", "Muzika ir garso takeliai filmams, žaidimams ir "
     "festivaliams.", "Ieškome vaizdo įrašų gamybos ir žaidimų kūrėjų.", ["music"], ["video", "games"],
     ["lt", "en"], ["product"]),
    ("k-print", "klaipeda", "Uosto spaustuvė", "publishing", "Spauda: knygos, katalogai, plakatai.",
     "Ieškome grafikos dizainerių ir muziejų užsakymų.", ["printing", "museums"], ["graphic"], ["lt", "ru"],
     ["product", "marketing"]),
    ("k-wood", "klaipeda", "Marių baldai", "crafts", "Furniture and carpentry for restaurants and hotels.",
     "Interior architects and photographers for our catalogue.", ["furniture", "food", "tourism"],
     ["architecture", "photography"], ["lt", "en"], ["product"]),
    ("b-video", "brandenburg", "Havel Film", "film-video", "Videoproduktion und Dreharbeiten für Festivals.",
     "Wir suchen Filmmusik und Sounddesign.", ["video", "festivals"], ["music"], ["de", "en"], ["product"]),
    ("b-arch", "brandenburg", "Werkhalle Architekten", "architecture", "Architektur und Innenräume für "
     "Industriedenkmäler.", "Wir suchen Möbelbau und Fotografie.", ["architecture", "museums"],
     ["furniture", "photography"], ["de"], ["service"]),
    ("c-games", "cottbus", "Lausitz Games", "software-games", "Serious games and gamification for museums.",
     "Soundtracks, illustrators and a tourism partner.", ["games", "museums"], ["music", "graphic", "tourism"],
     ["de", "en"], ["product"]),
    ("c-fashion", "cottbus", "Spreewald Mode", "design", "Mode und Schneiderei aus Leinen.",
     "Wir suchen Fotografie und Webseiten für den Onlineshop.", ["fashion"], ["photography", "web"], ["de"],
     ["marketing"]),
    ("z-wine", "zielona-gora", "Winnica Design", "design", "Projektowanie graficzne i identyfikacja dla winnic i "
     "festiwali.", "Szukamy fotografii i druku etykiet.", ["graphic", "festivals", "food"],
     ["photography", "printing"], ["pl", "en"], ["marketing"]),
    ("z-web", "zielona-gora", "Lubuski Kod", "software-games", "Strony internetowe i sklepy dla turystyki.",
     "Szukamy grafików i fotografów.", ["web", "tourism"], ["graphic", "photography"], ["pl"], ["service"]),
    ("l-photo", "linkoping", "Stångån Foto", "visual-arts", "Fotografering av mat, design och turism.",
     "Vi söker webbyråer och tryckerier.", ["photography", "food", "tourism"], ["web", "printing"], ["sv", "en"],
     ["marketing"]),
    ("l-events", "linkoping", "Garnisonen Events", "performing-arts", "Event organisation and festival "
     "production.", "Sound, video and branding partners for festivals.", ["events", "festivals"],
     ["music", "video", "graphic"], ["sv", "en"], ["service"]),
    ("o-mill", "ostsam", "Strykjärnet Studio", "heritage", "Utställningar och museiproduktion i "
     "industrilandskapet.", "Vi söker spelutvecklare och arkitekter för utställningar.", ["museums", "events"],
     ["games", "architecture"], ["sv"], ["product"]),
    ("o-translate", "ostsam", "Östgöta Översättning", "publishing", "Översättning och lokalisering av spel och "
     "webbplatser.", "Vi söker spelstudior och webbyråer.", ["translation"], ["games", "web"], ["sv", "en", "de"],
     ["service"]),
    ("t-games", "tartu", "Aparaat Games", "software-games", "Mängud ja mängustamine muuseumidele.",
     "Otsime heliloojaid ja tõlkijaid.", ["games", "museums"], ["music", "translation"], ["et", "en"],
     ["product"]),
    ("t-video", "tartu", "Emajõe Video", "film-video", "Video production and filming for tourism.",
     "Music for films and translation of subtitles.", ["video", "tourism"], ["music", "translation"],
     ["et", "en", "ru"], ["product"]),
]
ENTREPRENEURS = {"k-sound": "entrepreneur.klaipeda@demo.creativepoles.eu",
                 "t-games": "entrepreneur.tartu@demo.creativepoles.eu"}
# requester, invitee, status
MEETINGS = [
    ("k-sound", "b-video", MeetingStatus.ACCEPTED), ("k-sound", "t-games", MeetingStatus.ACCEPTED),
    ("k-sound", "c-games", MeetingStatus.ACCEPTED), ("t-video", "k-sound", MeetingStatus.ACCEPTED),
    ("k-wood", "b-arch", MeetingStatus.ACCEPTED), ("l-photo", "z-web", MeetingStatus.ACCEPTED),
    ("z-wine", "l-photo", MeetingStatus.ACCEPTED), ("o-mill", "c-games", MeetingStatus.ACCEPTED),
    ("o-translate", "t-games", MeetingStatus.ACCEPTED), ("l-events", "b-video", MeetingStatus.REQUESTED),
    ("c-fashion", "l-photo", MeetingStatus.DECLINED), ("k-print", "z-wine", MeetingStatus.ACCEPTED),
]
# name, focus, cooperation, coordinating city, status, established, members (firm keys)
CLUSTERS: list[tuple[str, str, str, str, str, dt.date | None, list[str]]] = [
    ("Baltic Sound & Vision", "Films, games and their music made across the Baltic.", "product", "klaipeda",
     "active", dt.date(2011, 9, 15), ["k-sound", "b-video", "t-video", "t-games"]),
    ("Museum Play", "Games and exhibitions for industrial-heritage museums.", "product", "ostsam", "active",
     dt.date(2012, 2, 1), ["o-mill", "c-games", "t-games", "b-arch"]),
    ("Taste of the Region", "Joint marketing of food, wine and design for tourists.", "marketing", "zielona-gora",
     "established", dt.date(2012, 6, 1), ["z-wine", "l-photo", "k-wood", "z-web"]),
    ("Festival Services Network", "Production, sound and branding for festivals.", "service", "linkoping",
     "established", dt.date(2012, 10, 1), ["l-events", "b-video", "k-sound", "z-wine"]),
    ("Crafted Interiors", "Furniture, textiles and interiors from reused factories.", "product", "brandenburg",
     "forming", None, ["b-arch", "k-wood", "c-fashion"]),
]


def _owners(context: DemoContext) -> dict[str, Any]:
    """One account per firm: the two demo entrepreneurs sign in; the others own their firm without a password."""
    user_model = get_user_model()
    owners = {key: context.add_user(f"entrepreneur-{key}", email, description="entrepreneur (partner profile)")
              for key, email in ENTREPRENEURS.items()}
    wanted = {f"firm-{row[0]}@demo.creativepoles.eu": row[0] for row in FIRMS if row[0] not in owners}
    existing = {u.username: u for u in user_model.objects.filter(username__in=list(wanted))}
    missing = []
    for username in wanted:
        if username not in existing:
            user = user_model(username=username, email=username)
            user.set_unusable_password()
            missing.append(user)
    user_model.objects.bulk_create(missing)
    existing.update({u.username: u for u in user_model.objects.filter(username__in=list(wanted))})
    owners.update({key: existing[username] for username, key in wanted.items()})
    return owners


@transaction.atomic
def load_clusters_demo(context: DemoContext) -> None:
    """Profiles in the seven cities, a Klaipėda brokerage event with its schedule, five clusters."""
    owners = _owners(context)
    profiles: dict[str, Profile] = {}
    for key, city, firm, group, offers, seeks, offer_tags, seek_tags, languages, interests in FIRMS:
        profiles[key], _ = ensure_row(Profile, {"owner": owners[key], "firm_name": firm}, {
            "city": context.cities[city], "group": group, "offers": offers, "seeks": seeks,
            "offer_tags": offer_tags, "seek_tags": seek_tags, "languages": languages, "interests": interests,
            "visibility": "public"})
    event, _ = ensure_row(BrokerageEvent, {"city": context.cities["klaipeda"], "title": "Baltic Creative Match 2027"}, {
        "description": "Demo: one-to-one meetings of creative firms from the seven partner cities.",
        "venue": "Kultūros fabrikas, Klaipėda", "slots": 6, "tables": 3, "slot_minutes": 20,
        "starts_at": timezone.make_aware(dt.datetime(2027, 5, 20, 10, 0)), "is_published": True})
    for requester, invitee, status in MEETINGS:
        ensure_row(MeetingRequest, {"event": event, "requester": profiles[requester], "invitee": profiles[invitee]},
                   {}, initial={"status": status})
    if event.scheduled_at is None:
        schedule_event(context.users["manager"], event)
    for name, focus, cooperation, city, cluster_status, established, members in CLUSTERS:
        cluster, _ = ensure_row(Cluster, {"name": name}, {
            "focus": focus, "cooperation": cooperation, "city": context.cities[city], "status": cluster_status,
            "established_on": established, "is_published": True, "created_by": owners[members[0]]})
        for key in members:
            ensure_row(ClusterMember, {"cluster": cluster, "profile": profiles[key]},
                       {"firm_name": profiles[key].firm_name, "city": profiles[key].city})
        if established is not None:
            ensure_row(ClusterActivity, {"cluster": cluster, "title": "Cooperation agreement signed"},
                       {"kind": "activity", "date": established})
            ensure_row(ClusterActivity, {"cluster": cluster, "title": "First joint offer"},
                       {"kind": "offer", "date": established + dt.timedelta(days=90),
                        "description": "Demo: a joint offer presented at a partner city's event."})


DEMO = Demo(name="clusters", depends_on=("core",), load=load_clusters_demo)
