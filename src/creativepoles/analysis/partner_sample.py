"""A labelled set of generated partner profiles, to measure partner matching honestly.

Written before the matcher was tuned and not changed for it. Each true pair joins two firms of different
cities around one market domain: A offers craft X and seeks craft Y, B offers Y and seeks X. Half of the
pairs write in two languages whose words do not meet, so only the taxonomy tags (and the complementary
creative groups) link them; the other half share a language. Distractors write in the language of a paired
profile and reuse its words (the craft it seeks, its domain) without being complementary. Some profiles
leave out one of their tags, as people do when they fill in a form.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

# craft tag -> creative group, and its words per language.
CRAFTS: dict[str, tuple[str, dict[str, str]]] = {
    "photography": ("visual-arts", {"en": "photography shoots", "de": "Fotografie Bildreportagen",
                                    "lt": "fotografavimas nuotraukos", "pl": "fotografia zdjęcia"}),
    "video": ("film-video", {"en": "video filming", "de": "Filmproduktion Dreharbeiten",
                             "lt": "vaizdo įrašai filmavimas", "pl": "wideo nagrania"}),
    "web": ("software-games", {"en": "websites programming", "de": "Webseiten Programmierung",
                               "lt": "svetainės programavimas", "pl": "strony internetowe programowanie"}),
    "graphic": ("design", {"en": "graphic branding", "de": "Grafikdesign Markenauftritt",
                           "lt": "grafika prekės ženklas", "pl": "grafika identyfikacja"}),
    "music": ("music", {"en": "music soundtracks", "de": "Musik Klangkompositionen",
                        "lt": "muzika garso takeliai", "pl": "muzyka ścieżki dźwiękowe"}),
    "furniture": ("crafts", {"en": "furniture carpentry", "de": "Möbel Tischlerei",
                             "lt": "baldai staliaus darbai", "pl": "meble stolarstwo"}),
    "fashion": ("design", {"en": "clothing tailoring", "de": "Mode Schneiderei",
                           "lt": "drabužiai siuvimas", "pl": "odzież krawiectwo"}),
    "games": ("software-games", {"en": "games gamification", "de": "Spiele Spielentwicklung",
                                 "lt": "žaidimai žaidybinimas", "pl": "gry grywalizacja"}),
    "architecture": ("architecture", {"en": "architecture interiors", "de": "Architektur Innenräume",
                                      "lt": "architektūra interjerai", "pl": "architektura wnętrza"}),
    "printing": ("publishing", {"en": "printing books", "de": "Druckerei Bücher",
                                "lt": "spauda knygos", "pl": "druk książki"}),
}
# domain tag -> its words per language.
DOMAINS: dict[str, dict[str, str]] = {
    "tourism": {"en": "tourism travellers", "de": "Tourismus Reisende", "lt": "turizmas keliautojai",
                "pl": "turystyka podróżni"},
    "food": {"en": "restaurants cuisine", "de": "Gastronomie Küche", "lt": "restoranai virtuvė",
             "pl": "restauracje kuchnia"},
    "festivals": {"en": "festivals concerts", "de": "Festivals Konzerte", "lt": "festivaliai koncertai",
                  "pl": "festiwale koncerty"},
    "museums": {"en": "museums exhibitions", "de": "Museen Ausstellungen", "lt": "muziejai parodos",
                "pl": "muzea wystawy"},
    "sport": {"en": "sport clubs", "de": "Sportvereine Wettkämpfe", "lt": "sporto klubai",
              "pl": "sport drużyny"},
}
OFFER = {"en": "We offer {craft} for {domain}.", "de": "Wir bieten {craft} für {domain}.",
         "lt": "Siūlome {craft}: {domain}.", "pl": "Oferujemy {craft} dla {domain}."}
SEEK = {"en": "We seek a partner in {craft} for {domain}.", "de": "Wir suchen Partner für {craft} und {domain}.",
        "lt": "Ieškome partnerio: {craft}, {domain}.", "pl": "Szukamy partnera: {craft}, {domain}."}
LANGUAGES = ("en", "de", "lt", "pl")
INTERESTS = ("product", "service", "marketing")
WORD = re.compile(r"\w\w+", re.UNICODE)


@dataclass(frozen=True)
class SampleProfile:
    """One generated profile: the matcher sees everything but `partner` and `role`."""

    key: int
    city: int
    group: str
    language: str
    offers: str
    seeks: str
    offer_tags: frozenset[str]
    seek_tags: frozenset[str]
    interests: frozenset[str]
    partner: int | None  # the true partner's key, None for a distractor
    role: str  # "pair-shared-words", "pair-no-shared-word" or "distractor"


def words(text: str) -> frozenset[str]:
    """The lower-case words (two letters or more) of a text."""
    return frozenset(w.lower() for w in WORD.findall(text))


def profile_words(p: SampleProfile) -> frozenset[str]:
    """Every word a profile writes."""
    return words(p.offers) | words(p.seeks)


def _text(template: dict[str, str], language: str, craft: str, domain: str) -> str:
    return template[language].format(craft=CRAFTS[craft][1][language], domain=DOMAINS[domain][language])


def _tags(rng: random.Random, craft: str, domain: str, drop: float) -> frozenset[str]:
    tags = [craft, domain]
    if rng.random() < drop:
        tags.remove(rng.choice(tags))
    return frozenset(tags)


def generate(pairs: int = 100, distractors: int = 100, cities: int = 7, seed: int = 16,
             tag_drop: float = 0.15) -> list[SampleProfile]:
    """`pairs` true partner pairs (2 profiles each) and `distractors` profiles, deterministic for a seed."""
    rng = random.Random(seed)
    crafts, domains = sorted(CRAFTS), sorted(DOMAINS)
    out: list[SampleProfile] = []

    def make(key: int, city: int, language: str, offer: str, seek: str, domain: str, partner: int | None,
             role: str, interest: str) -> SampleProfile:
        return SampleProfile(
            key=key, city=city, group=CRAFTS[offer][0], language=language,
            offers=_text(OFFER, language, offer, domain), seeks=_text(SEEK, language, seek, domain),
            offer_tags=_tags(rng, offer, domain, tag_drop), seek_tags=_tags(rng, seek, domain, tag_drop),
            interests=frozenset({interest}), partner=partner, role=role)

    for i in range(pairs):
        shared = i % 2 == 0
        x, y = rng.sample(crafts, 2)
        domain = rng.choice(domains)
        city_a, city_b = rng.sample(range(1, cities + 1), 2)
        interest = rng.choice(INTERESTS)
        while True:
            lang_a = rng.choice(LANGUAGES)
            lang_b = lang_a if shared else rng.choice([lang for lang in LANGUAGES if lang != lang_a])
            a = make(2 * i, city_a, lang_a, x, y, domain, 2 * i + 1,
                     "pair-shared-words" if shared else "pair-no-shared-word", interest)
            b = make(2 * i + 1, city_b, lang_b, y, x, domain, 2 * i, a.role, interest)
            if shared or not profile_words(a) & profile_words(b):
                break
        out += [a, b]
    paired = list(out)
    for j in range(distractors):
        # A distractor reuses a paired profile's language, the craft it seeks and its domain, but seeks a third
        # craft and offers it in another domain: it shares words, not complementarity.
        target = rng.choice(paired)
        seek_craft = next(iter(target.seek_tags & set(crafts)), None) or rng.choice(crafts)
        domain = next(iter((target.offer_tags | target.seek_tags) & set(domains)), None) or rng.choice(domains)
        other_domain = rng.choice([d for d in domains if d != domain])
        third = rng.choice([c for c in crafts if c != seek_craft and c not in target.offer_tags])
        key = 2 * pairs + j
        d = SampleProfile(
            key=key, city=target.city if rng.random() < 0.5 else rng.randint(1, cities),
            group=CRAFTS[seek_craft][0], language=target.language,
            offers=_text(OFFER, target.language, seek_craft, other_domain) + " "
            + _text(OFFER, target.language, seek_craft, domain).split(" ", 2)[-1],
            seeks=_text(SEEK, target.language, third, domain),
            offer_tags=_tags(rng, seek_craft, other_domain, tag_drop), seek_tags=_tags(rng, third, domain, tag_drop),
            interests=frozenset({rng.choice(INTERESTS)}), partner=None, role="distractor")
        out.append(d)
    return out
