"""The labelled profile set itself: big enough, multilingual, half the pairs without a shared word."""

from __future__ import annotations

from creativepoles.analysis.partner_sample import generate, profile_words


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
