"""Partner matching: ranked partners for each profile, mutual interest first, each with its reasons.

A's interest in B is how well what A seeks meets what B offers: the cosine of A's "seeks" and B's "offers"
under one TF-IDF vocabulary, plus the cosine of A's sought tags and B's offered tags (taxonomy keys, the same
in every language, so tags carry matches across languages). The pair's score is both interests, plus small
bonuses for complementary creative groups (different ones), another partner city and a shared cooperation
interest. A pair is mutual when each side's interest passes a threshold; mutual pairs rank first.

Everything is computed in bulk with sparse matrices, a block of rows at a time (so 20,000 profiles never
need a dense 20,000 × 20,000 matrix), and only the top candidates of each row are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy import sparse

WORD = re.compile(r"(?u)\b\w\w+\b")
Matrix: TypeAlias = Any  # scipy.sparse.csr_matrix (scipy ships no types)


@dataclass(frozen=True)
class MatchProfile:
    """What the matcher knows of a profile: texts and tags of offers and requests, city, group, interests."""

    key: int
    city: int
    group: str
    offers: str
    seeks: str
    offer_tags: frozenset[str] = frozenset()
    seek_tags: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    candidate: bool = True  # False: a hidden profile, never suggested to anyone (it may still get suggestions)


@dataclass(frozen=True)
class Weights:
    """How much each part counts; `mutual` is the interest each side must reach for a mutual match."""

    text: float = 1.0
    tags: float = 1.0
    group: float = 0.15
    city: float = 0.1
    interest: float = 0.05
    mutual: float = 0.2
    agree: float = 0.25
    floor: float = 0.25  # the least interest, one way or the other, that makes a suggestion


@dataclass(frozen=True)
class Suggestion:
    """A suggested partner with the reasons: matched words and tags both ways, groups, city."""

    partner: int
    score: float
    mutual: bool
    interest: float  # the asking profile's interest in the partner
    interest_back: float  # the partner's interest in the asking profile
    words_offered: tuple[str, ...] = ()  # words of the partner's offers that the profile seeks
    words_sought: tuple[str, ...] = ()  # words the partner seeks that the profile offers
    tags_offered: tuple[str, ...] = ()
    tags_sought: tuple[str, ...] = ()
    complementary_groups: bool = False
    other_city: bool = False
    shared_interests: tuple[str, ...] = field(default=())


def tokens(text: str) -> list[str]:
    """Lower-case words of two letters or more (the TF-IDF vocabulary's tokens)."""
    return WORD.findall(text.lower())


def _tfidf(docs: list[str]) -> Matrix:
    """Rows of L2-normalised TF-IDF weights (sublinear term frequency, smoothed idf) over one vocabulary."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(d.strip() for d in docs):
        return sparse.csr_matrix((len(docs), 1))
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, lowercase=True, token_pattern=WORD.pattern,
                                 dtype=np.float32).fit_transform(docs)
    except ValueError:  # only one-letter words: no vocabulary
        return sparse.csr_matrix((len(docs), 1))
    return sparse.csr_matrix(matrix)


def _onehot(rows: Sequence[frozenset[str]], vocabulary: dict[str, int], normalise: bool) -> Matrix:
    indptr, indices = [0], []
    for row in rows:
        indices += sorted(vocabulary[t] for t in row if t in vocabulary)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    if normalise:
        for i in range(len(rows)):
            n = indptr[i + 1] - indptr[i]
            if n:
                data[indptr[i]:indptr[i + 1]] = 1.0 / np.sqrt(n)
    return sparse.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
                             shape=(len(rows), max(len(vocabulary), 1)))


@dataclass
class _Model:
    seeks: Matrix
    offers: Matrix
    seek_tags: Matrix
    offer_tags: Matrix
    groups: npt.NDArray[np.int64]
    cities: npt.NDArray[np.int64]
    interest_bits: npt.NDArray[np.int64]
    candidate: npt.NDArray[np.bool_]


def _model(profiles: Sequence[MatchProfile]) -> _Model:
    n = len(profiles)
    text = _tfidf([p.seeks for p in profiles] + [p.offers for p in profiles])
    tag_vocabulary = {t: i for i, t in enumerate(sorted({t for p in profiles for t in p.offer_tags | p.seek_tags}))}
    group_ids = {g: i for i, g in enumerate(sorted({p.group for p in profiles}))}
    # Interests as bits (at most 62 kinds; the taxonomy has three).
    interest_vocabulary = {t: i for i, t in enumerate(sorted({t for p in profiles for t in p.interests})[:62])}
    return _Model(
        seeks=text[:n], offers=text[n:],
        seek_tags=_onehot([p.seek_tags for p in profiles], tag_vocabulary, True),
        offer_tags=_onehot([p.offer_tags for p in profiles], tag_vocabulary, True),
        groups=np.array([group_ids[p.group] if p.group else -1 for p in profiles], dtype=np.int64),
        cities=np.array([p.city for p in profiles], dtype=np.int64),
        interest_bits=np.array([sum(1 << interest_vocabulary[t] for t in p.interests if t in interest_vocabulary) for p in profiles],
                               dtype=np.int64),
        candidate=np.array([p.candidate for p in profiles], dtype=bool),
    )


F32 = np.float32
MUTUAL_LIFT = 1000.0  # mutual interest ranks first: lifted above every one-sided score


def _dense(matrix: Matrix, weight: float) -> npt.NDArray[np.float32]:
    out = np.asarray(sparse.csr_matrix(matrix).toarray(), dtype=F32)
    if weight != 1.0:
        out *= F32(weight)
    return out


def _views(w: Weights, text: Matrix, tags: Matrix) -> npt.NDArray[np.float32]:
    """One interest from two views of the same wish: words and tags. The stronger view counts in full and the
    other adds `agree` of itself, so a pair in one language is not counted twice over a pair whose only shared
    language is the taxonomy. (max(a, b) + agree·min(a, b) = a + b − (1 − agree)·min(a, b), in place.)"""
    a = _dense(text, w.text)
    b = _dense(tags, w.tags)
    low = np.minimum(a, b)
    a += b
    low *= F32(1.0 - w.agree)
    a -= low
    return a


def _interest(m: _Model, rows: slice, w: Weights) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Interest of the block's rows in every profile, and every profile's interest in them."""
    fwd = _views(w, m.seeks[rows] @ m.offers.T, m.seek_tags[rows] @ m.offer_tags.T)
    bwd = _views(w, m.offers[rows] @ m.seeks.T, m.offer_tags[rows] @ m.seek_tags.T)
    return fwd, bwd


def _base(m: _Model, rows: slice, w: Weights, fwd: npt.NDArray[np.float32],
          bwd: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Both interests plus the mutual lift; −inf for oneself, hidden profiles and pairs without any interest."""
    base = fwd + bwd
    # Too little interest either way (no match, or only a shared "and" or "für"): not a suggestion, however close
    # the city or group.
    base[np.maximum(fwd, bwd) < F32(w.floor)] = -np.inf
    base += F32(MUTUAL_LIFT) * ((fwd >= w.mutual) & (bwd >= w.mutual))
    base[:, ~m.candidate] = -np.inf
    idx = np.arange(rows.start, rows.stop)
    base[idx - rows.start, idx] = -np.inf  # never oneself
    return base


def _bonus(m: _Model, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64], w: Weights) -> npt.NDArray[np.float32]:
    """Tie-breakers for pairs (i, j): complementary (different) creative groups, another city, a shared interest."""
    gi, gj = m.groups[i], m.groups[j]
    out = F32(w.group) * ((gi != gj) & (gi >= 0) & (gj >= 0))
    out += F32(w.city) * (m.cities[i] != m.cities[j])
    out += F32(w.interest) * ((m.interest_bits[i] & m.interest_bits[j]) != 0)
    return np.asarray(out, dtype=F32)


def _top(m: _Model, rows: slice, w: Weights, base: npt.NDArray[np.float32], k: int) \
        -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """The k best columns of each row by base score plus bonus, exactly.

    The bonus is at most `w.group + w.city + w.interest`, so only the columns whose base score comes within that
    of the k-th best can reach the top: take a few times k by base score, add their bonus, and fall back to the
    whole row only when a column outside could still overtake the k-th (rare)."""
    b, n = base.shape
    wanted = min(n, 4 * k + 8)
    row_ids = np.arange(rows.start, rows.stop, dtype=np.int64)
    if wanted < n:
        part = np.argpartition(-base, wanted, axis=1)
        outside = base[np.arange(b)[:, None], part[:, wanted:wanted + 1]][:, 0]
        cand = part[:, :wanted].astype(np.int64)
    else:
        outside = np.full(b, -np.inf, dtype=F32)
        cand = np.tile(np.arange(n, dtype=np.int64), (b, 1))
    scores = base[np.arange(b)[:, None], cand] + _bonus(m, row_ids[:, None], cand, w)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(cand, order, axis=1)
    best_scores = np.take_along_axis(scores, order, axis=1)
    reach = F32(w.group + w.city + w.interest)
    kth = best_scores[:, -1]
    unsure = np.isfinite(outside) & (kth < outside + reach)
    for r in np.flatnonzero(unsure):
        full = base[r] + _bonus(m, np.full(n, row_ids[r]), np.arange(n, dtype=np.int64), w)
        pick = np.argsort(-full, kind="stable")[:k]
        best[r], best_scores[r] = pick, full[pick]
    return best, best_scores


def suggest(profiles: Sequence[MatchProfile], top: int = 10, weights: Weights | None = None,
            only: Sequence[int] | None = None, block: int = 1000, reasons: bool = True,
            threads: int = 2) -> dict[int, list[Suggestion]]:
    """The `top` partners of each profile (or of the profiles whose keys are in `only`), best first."""
    w = weights or Weights()
    if not profiles or top <= 0:
        return {}
    m = _model(profiles)
    wanted = None if only is None else set(only)
    n = len(profiles)
    k = min(top, n)
    words = [(frozenset(tokens(p.offers)), frozenset(tokens(p.seeks))) for p in profiles] if reasons else []
    out: dict[int, list[Suggestion]] = {}
    rows_wanted = [i for i, p in enumerate(profiles) if wanted is None or p.key in wanted]
    ranges = [run for start in range(0, len(rows_wanted), block) for run in _runs(rows_wanted[start:start + block])]

    def rank(run: tuple[int, int]) -> tuple[int, npt.NDArray[np.int64], npt.NDArray[np.float32],
                                             npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        rows = slice(*run)
        fwd, bwd = _interest(m, rows, w)
        best, scores = _top(m, rows, w, _base(m, rows, w, fwd, bwd), k)
        picked = np.arange(run[1] - run[0])[:, None]
        return run[0], best, scores, fwd[picked, best], bwd[picked, best]

    # NumPy and SciPy release the GIL in their loops: blocks run side by side on the machine's cores.
    with ThreadPoolExecutor(max_workers=max(1, min(threads, len(ranges)))) as pool:
        for lo, best, scores, fwd_best, bwd_best in pool.map(rank, ranges):
            for r in range(len(best)):
                i = lo + r
                found = []
                for c, (j, score) in enumerate(zip(best[r].tolist(), scores[r].tolist(), strict=True)):
                    if not np.isfinite(score):
                        break
                    mutual = score >= MUTUAL_LIFT
                    found.append(_suggestion(profiles[i], profiles[j], score - MUTUAL_LIFT if mutual else score,
                                             mutual, float(fwd_best[r, c]), float(bwd_best[r, c]),
                                             (words[i], words[j]) if reasons else None))
                out[profiles[i].key] = found
    return out


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted indices as half-open ranges (so a block never computes rows not asked for)."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


Words = tuple[frozenset[str], frozenset[str]]  # a profile's offer words and seek words


def _suggestion(a: MatchProfile, b: MatchProfile, score: float, mutual: bool, forward: float, backward: float,
                words: tuple[Words, Words] | None) -> Suggestion:
    if words is None:
        return Suggestion(b.key, round(score, 4), mutual, round(forward, 4), round(backward, 4))
    (a_offers, a_seeks), (b_offers, b_seeks) = words
    return Suggestion(
        partner=b.key, score=round(score, 4), mutual=mutual, interest=round(forward, 4),
        interest_back=round(backward, 4),
        words_offered=tuple(sorted(a_seeks & b_offers)),
        words_sought=tuple(sorted(b_seeks & a_offers)),
        tags_offered=tuple(sorted(a.seek_tags & b.offer_tags)),
        tags_sought=tuple(sorted(b.seek_tags & a.offer_tags)),
        complementary_groups=bool(a.group and b.group and a.group != b.group),
        other_city=a.city != b.city,
        shared_interests=tuple(sorted(a.interests & b.interests)),
    )


def pair_scores(profiles: Sequence[MatchProfile], weights: Weights | None = None) -> npt.NDArray[np.float64]:
    """The symmetric mutual-match matrix for cluster formation: min of both interests (0 on the diagonal)."""
    w = weights or Weights()
    m = _model(profiles)
    n = len(profiles)
    if n == 0:
        return np.zeros((0, 0))
    fwd, bwd = _interest(m, slice(0, n), w)
    out = np.minimum(fwd, bwd).astype(np.float64)
    np.fill_diagonal(out, 0.0)
    return np.asarray(np.maximum(out, out.T), dtype=np.float64)


def naive_suggest(profiles: Sequence[MatchProfile], top: int = 10, weights: Weights | None = None) \
        -> dict[int, list[int]]:
    """The same ranking from a plain pairwise loop over word and tag sets (the benchmark's baseline).

    It scores with set overlaps (Ochiai, i.e. cosine of binary vectors) rather than TF-IDF: the point is its
    cost, one Python comparison per pair."""
    w = weights or Weights()
    seek_words = [set(tokens(p.seeks)) for p in profiles]
    offer_words = [set(tokens(p.offers)) for p in profiles]

    def cos(x: set[str] | frozenset[str], y: set[str] | frozenset[str]) -> float:
        return len(x & y) / float(np.sqrt(len(x) * len(y))) if x and y else 0.0

    def views(text: float, tags: float) -> float:
        return max(text, tags) + w.agree * min(text, tags)

    out: dict[int, list[int]] = {}
    for i, a in enumerate(profiles):
        ranked: list[tuple[float, int]] = []
        for j, b in enumerate(profiles):
            if i == j or not b.candidate:
                continue
            fwd = views(w.text * cos(seek_words[i], offer_words[j]), w.tags * cos(a.seek_tags, b.offer_tags))
            bwd = views(w.text * cos(offer_words[i], seek_words[j]), w.tags * cos(a.offer_tags, b.seek_tags))
            if max(fwd, bwd) < w.floor:
                continue
            score = fwd + bwd + (1000.0 if fwd >= w.mutual and bwd >= w.mutual else 0.0)
            ranked.append((-score, b.key))
        out[a.key] = [key for _s, key in sorted(ranked)[:top]]
    return out
