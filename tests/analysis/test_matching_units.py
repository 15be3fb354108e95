"""The matcher's small parts, each against values worked out by hand: tokens, runs, the lift, one-hot rows, the
reasons of a suggestion, the symmetric pair scores and the naive baseline's ranking."""

from __future__ import annotations

import math

import numpy as np
import pytest

from creativepoles.analysis.matching import (
    MatchProfile,
    Weights,
    _lift,
    _onehot,
    _runs,
    _suggestion,
    naive_suggest,
    pair_scores,
    tokens,
)


def _p(key: int, offers: str, seeks: str, offer_tags: set[str] | None = None, seek_tags: set[str] | None = None,
       city: int = 1, group: str = "", candidate: bool = True) -> MatchProfile:
    return MatchProfile(key, city, group, offers, seeks, frozenset(offer_tags or ()), frozenset(seek_tags or ()),
                        candidate=candidate)


def test_tokens_are_lower_case_words_of_two_letters_or_more() -> None:
    assert tokens("Video EDITING, a 3D-print für Ö") == ["video", "editing", "3d", "print", "für"]
    assert tokens("") == [] and tokens("a b c") == []


def test_runs_are_half_open_ranges_of_consecutive_indices() -> None:
    assert _runs([0, 1, 2, 5, 6, 9]) == [(0, 3), (5, 7), (9, 10)]
    assert _runs([4]) == [(4, 5)] and _runs([]) == []
    assert _runs([3, 4, 5, 6]) == [(3, 7)]


def test_the_lift_is_the_power_of_two_above_twice_any_one_sided_score() -> None:
    # Defaults: 2·(1 + 1)·1.25 + 0.15 + 0.1 + 0.05 = 5.3, so 2·5.3 + 1 = 11.6 → 16.
    assert _lift(Weights()) == 16.0
    # Text weight 3: 2·(3 + 1)·1.25 + 0.3 = 10.3, so 21.6 → 32.
    assert _lift(Weights(text=3.0)) == 32.0
    assert _lift(Weights(text=0.0, tags=0.0, group=0.0, city=0.0, interest=0.0)) == 1.0


def test_one_hot_rows_ignore_unknown_tags_and_normalise_to_unit_length() -> None:
    vocabulary = {"av": 0, "craft": 1, "music": 2}
    rows = [frozenset({"av", "music"}), frozenset({"craft", "nonsense"}), frozenset()]
    plain = _onehot(rows, vocabulary, normalise=False).toarray()
    assert plain.tolist() == [[1, 0, 1], [0, 1, 0], [0, 0, 0]]
    unit = _onehot(rows, vocabulary, normalise=True).toarray()
    assert unit[0].tolist() == pytest.approx([1 / math.sqrt(2), 0, 1 / math.sqrt(2)])
    assert unit[1].tolist() == [0, 1, 0] and unit[2].tolist() == [0, 0, 0]
    assert _onehot([frozenset({"av"})], {}, normalise=True).shape == (1, 1)


def test_a_suggestion_names_the_words_and_tags_matched_each_way() -> None:
    a = MatchProfile(1, 1, "music", "sound design for games", "video editing studio", frozenset({"music"}),
                     frozenset({"av"}), frozenset({"product", "marketing"}))
    b = MatchProfile(2, 2, "film", "video editing", "sound for film", frozenset({"av"}), frozenset({"music"}),
                     frozenset({"marketing"}))
    s = _suggestion(a, b, 2.5, True, 1.25, 0.75)
    assert (s.partner, s.score, s.mutual, s.interest, s.interest_back) == (2, 2.5, True, 1.25, 0.75)
    assert s.words_offered == ("editing", "video") and s.words_sought == ("for", "sound")
    assert s.tags_offered == ("av",) and s.tags_sought == ("music",)
    assert s.complementary_groups and s.other_city and s.shared_interests == ("marketing",)
    same = _suggestion(a, MatchProfile(3, 1, "music", "x", "y"), 0.1, False, 0.1, 0.0)
    assert not same.complementary_groups and not same.other_city and same.words_offered == ()
    assert not _suggestion(a, MatchProfile(4, 1, "", "x", "y"), 0.1, False, 0.1, 0.0).complementary_groups


def test_pair_scores_are_the_lesser_interest_both_ways() -> None:
    a = _p(1, "music", "video")
    b = _p(2, "video", "music")
    c = _p(3, "video", "bread")  # a wants what c offers; c wants nothing a offers
    w = pair_scores([a, b, c])
    assert w[0, 1] == pytest.approx(1.0, abs=1e-6) and w[1, 0] == w[0, 1]
    assert w[0, 2] == 0.0 and w[2, 0] == 0.0 and np.diag(w).tolist() == [0.0, 0.0, 0.0]
    # Tags alone link a pair in no shared language; the weaker view adds `agree` of itself.
    d = _p(4, "musique", "vidéo", {"music"}, {"av"})
    e = _p(5, "Video", "Musik", {"av"}, {"music"})
    assert pair_scores([d, e])[0, 1] == pytest.approx(1.0, abs=1e-6)
    assert pair_scores([d, e], Weights(tags=0.5))[0, 1] == pytest.approx(0.5, abs=1e-6)
    assert pair_scores([]).shape == (0, 0)


def test_the_naive_baseline_ranks_mutual_first_then_by_cosine_and_keeps_the_floor() -> None:
    a = _p(1, "music", "video sound")
    b = _p(2, "video sound", "music")  # mutual with a: 1 + 1
    c = _p(3, "video", "bread")  # one way: 1/√(2·1) ≈ 0.71
    d = _p(4, "video one two three", "bread")  # one way: 1/√(2·4) ≈ 0.35
    e = _p(5, "video " + " ".join(f"w{i}" for i in range(20)), "bread")  # 1/√(2·21) ≈ 0.15: below the floor
    hidden = _p(6, "video sound", "music", candidate=False)
    ranked = naive_suggest([a, b, c, d, e, hidden], top=10)
    assert ranked[1] == [2, 3, 4]
    assert naive_suggest([a, b, c, d, e], top=2)[1] == [2, 3]
    assert ranked[3] == [1] and ranked[2] == [1] and ranked[5] == []
    # Tags count like words, through the same max + agree·min of the two views.
    f = _p(7, "x", "y", {"music"}, {"av"})
    g = _p(8, "z", "q", {"av"}, {"music"})
    assert naive_suggest([f, g]) == {7: [8], 8: [7]}
    assert naive_suggest([f, g], weights=Weights(tags=0.2, floor=0.25)) == {7: [], 8: []}
