"""The labelled profile set itself: big enough, multilingual, half the pairs without a shared word."""

from __future__ import annotations

from creativepoles.analysis.partner_sample import (
    CRAFTS,
    DOMAINS,
    INTERESTS,
    OFFER,
    SEEK,
    generate,
    profile_words,
    words,
)


def test_it_generates_at_least_200_profiles_in_at_least_3_languages() -> None:
    sample = generate()
    assert len(sample) >= 200
    assert len({p.language for p in sample}) >= 3
    assert len({p.city for p in sample}) == 7


def test_it_makes_half_the_true_pairs_share_no_word() -> None:
    sample = {p.key: p for p in generate()}
    pairs = {tuple(sorted((p.key, p.partner))) for p in sample.values() if p.partner is not None}
    disjoint = [1 for a, b in pairs if not profile_words(sample[a]) & profile_words(sample[b])]
    assert len(disjoint) * 2 >= len(pairs)
    for a, b in pairs:
        assert sample[a].partner == b and sample[b].partner == a
        assert sample[a].city != sample[b].city


def test_it_makes_distractors_share_words_with_a_paired_profile() -> None:
    sample = generate()
    paired = [p for p in sample if p.partner is not None]
    distractors = [p for p in sample if p.partner is None]
    assert len(distractors) >= 50
    for d in distractors:
        assert any(profile_words(d) & profile_words(p) - {"we", "for", "partner"} for p in paired)


def test_it_is_deterministic_for_a_seed() -> None:
    assert generate(seed=3) == generate(seed=3)
    assert generate(seed=3) != generate(seed=4)


def _craft(tags: frozenset[str]) -> str:
    (craft,) = tags & set(CRAFTS)
    return craft


def _domain(tags: frozenset[str]) -> str:
    (domain,) = tags & set(DOMAINS)
    return domain


def test_it_numbers_the_profiles_pairs_first_then_distractors() -> None:
    sample = generate(pairs=6, distractors=5, cities=4, seed=1)
    assert [p.key for p in sample] == list(range(17))
    assert [p.role for p in sample[:12]] == ["pair-shared-words", "pair-shared-words",
                                             "pair-no-shared-word", "pair-no-shared-word"] * 3
    assert all(p.role == "distractor" and p.partner is None for p in sample[12:])
    assert all(1 <= p.city <= 4 for p in sample)
    assert {p.city for p in sample} - {1, 2, 3, 4} == set()


def test_true_partners_are_complementary_in_crafts_and_share_domain_and_interest() -> None:
    sample = generate(pairs=40, distractors=0, seed=5, tag_drop=0)
    for a, b in zip(sample[::2], sample[1::2], strict=True):
        assert (a.partner, b.partner) == (b.key, a.key)
        assert len(a.offer_tags) == len(a.seek_tags) == 2
        x, y = _craft(a.offer_tags), _craft(a.seek_tags)
        assert x != y
        assert (_craft(b.offer_tags), _craft(b.seek_tags)) == (y, x)
        assert _domain(a.offer_tags) == _domain(a.seek_tags) == _domain(b.offer_tags) == _domain(b.seek_tags)
        assert (a.group, b.group) == (CRAFTS[x][0], CRAFTS[y][0])
        assert a.interests == b.interests and len(a.interests) == 1 and a.interests <= set(INTERESTS)
        # Each writes its own craft and domain in its own language, and seeks the other's craft.
        domain = _domain(a.offer_tags)
        assert a.offers == OFFER[a.language].format(craft=CRAFTS[x][1][a.language], domain=DOMAINS[domain][a.language])
        assert a.seeks == SEEK[a.language].format(craft=CRAFTS[y][1][a.language], domain=DOMAINS[domain][a.language])
        assert b.offers == OFFER[b.language].format(craft=CRAFTS[y][1][b.language], domain=DOMAINS[domain][b.language])
        if a.role == "pair-shared-words":
            assert a.language == b.language
        else:
            assert a.language != b.language
            assert not profile_words(a) & profile_words(b)


def test_distractors_reuse_a_paired_profiles_words_without_being_complementary() -> None:
    sample = generate(pairs=20, distractors=30, seed=9, tag_drop=0)
    paired, distractors = sample[:40], sample[40:]
    for d in distractors:
        offer, seek = _craft(d.offer_tags), _craft(d.seek_tags)
        assert offer != seek
        assert d.group == CRAFTS[offer][0]
        assert _domain(d.offer_tags) != _domain(d.seek_tags)
        assert len(d.interests) == 1 and d.interests <= set(INTERESTS)
        # Some paired profile in the same language seeks the craft the distractor offers, in the domain it seeks.
        targets = [p for p in paired if p.language == d.language and _craft(p.seek_tags) == offer
                   and _domain(p.seek_tags) == _domain(d.seek_tags) and seek not in p.offer_tags]
        assert targets
        assert words(DOMAINS[_domain(d.seek_tags)][d.language]) <= words(d.offers)


def test_it_drops_one_tag_at_the_given_rate() -> None:
    assert all(len(p.offer_tags) == len(p.seek_tags) == 2 for p in generate(pairs=30, distractors=30, tag_drop=0))
    assert all(len(p.offer_tags) == len(p.seek_tags) == 1 for p in generate(pairs=30, distractors=30, tag_drop=1))
    sample = generate(pairs=100, distractors=100, tag_drop=0.15)
    dropped = sum(len(p.offer_tags) == 1 for p in sample) + sum(len(p.seek_tags) == 1 for p in sample)
    # 600 tag sets at 15 %: 90 expected; the bounds are five standard deviations (about 44) either side.
    assert 46 <= dropped <= 134


def test_it_reads_words_of_two_letters_or_more_in_lower_case() -> None:
    assert words("A photo, ŽAIDIMAI and x-ray!") == {"photo", "žaidimai", "and", "ray"}
    assert words("") == frozenset()
