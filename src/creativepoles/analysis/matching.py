"""Partner matching: ranked partners for each profile, mutual interest first, each with its reasons.

A's interest in B is how well what A seeks meets what B offers: the cosine of A's "seeks" and B's "offers"
under one TF-IDF vocabulary, plus the cosine of A's sought tags and B's offered tags (taxonomy keys, the same
in every language, so tags carry matches across languages). The pair's score is both interests, plus small
bonuses for complementary creative groups (different ones), another partner city and a shared cooperation
interest. A pair is mutual when each side's interest passes a threshold; mutual pairs rank first.

Everything is computed in bulk, a block of pairs at a time (so 20,000 profiles never need a dense 20,000 ×
20,000 matrix), with a few matrix products per block in float32: sparse TF-IDF for the words, dense for the
tags (a few dozen taxonomy keys) and for the bonuses (factored into two small matrices). Masks are byte
comparisons. For all profiles at once each block above the diagonal serves both its rows and its columns
(scores are symmetric), and each profile keeps a rising bound, its k-th best score so far, so a block hands on only
the few pairs that reach it instead of ranking its rows. Reasons are worded only for the suggestions returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy import sparse
from threadpoolctl import threadpool_limits

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


class Suggestion(NamedTuple):
    """A suggested partner with the reasons: matched words and tags both ways, groups, city.

    A named tuple rather than a frozen dataclass: the bulk run makes one per suggestion (200,000 for 20,000
    profiles), and a frozen dataclass costs several times as much to construct."""

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
    shared_interests: tuple[str, ...] = ()


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
        counts = np.asarray(np.diff(np.array(indptr, dtype=np.int64)), dtype=np.int64)
        data = np.repeat((1.0 / np.sqrt(np.maximum(counts, 1))).astype(np.float32), counts)
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


def _bonus(m: _Model, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64], w: Weights) -> npt.NDArray[np.float32]:
    """Tie-breakers for pairs (i, j): complementary (different) creative groups, another city, a shared interest."""
    gi, gj = m.groups[i], m.groups[j]
    out = F32(w.group) * ((gi != gj) & (gi >= 0) & (gj >= 0))
    out += F32(w.city) * (m.cities[i] != m.cities[j])
    out += F32(w.interest) * ((m.interest_bits[i] & m.interest_bits[j]) != 0)
    return np.asarray(out, dtype=F32)


def _onehot_dense(codes: npt.NDArray[np.int64], width: int) -> npt.NDArray[np.float32]:
    """Rows of a one-hot matrix (a negative code gives a row of zeros)."""
    out = np.zeros((len(codes), width), dtype=F32)
    known = codes >= 0
    out[np.flatnonzero(known), codes[known]] = 1.0
    return out


def _bonus_factors(m: _Model, w: Weights) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Two small dense matrices whose product is `_bonus` for every pair, so the tie-breakers of a block cost one
    BLAS product instead of per-pair lookups: another city is 1 − [same city], complementary groups are
    [both have one] − [same group], and a shared interest is a table over the distinct interest sets present."""
    _, city = np.unique(m.cities, return_inverse=True)
    cities = _onehot_dense(city.astype(np.int64), int(city.max()) + 1 if len(city) else 1)
    groups = _onehot_dense(m.groups, int(m.groups.max()) + 1 if len(m.groups) and m.groups.max() >= 0 else 1)
    has_group = (m.groups >= 0).astype(F32)[:, None]
    sets, which = np.unique(m.interest_bits, return_inverse=True)
    shares = ((sets[:, None] & sets[None, :]) != 0).astype(F32)
    interests = _onehot_dense(which.astype(np.int64), len(sets))
    one = np.ones((len(m.cities), 1), dtype=F32)
    left = np.hstack([F32(w.city) * one, F32(-w.city) * cities, F32(w.group) * has_group, F32(-w.group) * groups,
                      F32(w.interest) * (interests @ shares)])
    right = np.hstack([one, cities, has_group, groups, interests])
    return np.ascontiguousarray(left, dtype=F32), np.ascontiguousarray(right, dtype=F32)


def _lift(w: Weights) -> float:
    """A power of two above any one-sided score, so mutual pairs rank first and float32 keeps the scores' digits."""
    most = 2 * (abs(w.text) + abs(w.tags)) * (1 + abs(w.agree)) + abs(w.group) + abs(w.city) + abs(w.interest)
    return float(2.0 ** np.ceil(np.log2(2 * most + 1)))


@dataclass
class _Dense:
    """Everything the blocks need in float32: tags dense (tag vectors are low-dimensional), the bonus factors
    (left[i] @ right[j] = bonus of the pair), and the candidates (the profiles that may be suggested) as columns."""

    seek_tags: npt.NDArray[np.float32]
    offer_tags: npt.NDArray[np.float32]
    left: npt.NDArray[np.float32]
    right: npt.NDArray[np.float32]
    lift: float
    cols: npt.NDArray[np.int64]  # candidate column → profile index
    col_of: npt.NDArray[np.int64]  # profile index → candidate column (−1 for hidden profiles)
    candidates: _Side | None = None


def _dense_model(m: _Model, w: Weights, columns: bool = True) -> _Dense:
    cols = np.flatnonzero(m.candidate).astype(np.int64)
    col_of = np.full(len(m.candidate), -1, dtype=np.int64)
    col_of[cols] = np.arange(len(cols))
    left, right = _bonus_factors(m, w)
    d = _Dense(np.asarray(m.seek_tags.toarray(), dtype=F32), np.asarray(m.offer_tags.toarray(), dtype=F32),
               left, right, _lift(w), cols, col_of)
    if columns:
        d.candidates = _columns(m, d, cols)
    return d


def _one_way(w: Weights, text: Matrix, tags: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """`_views` on a block, in place in the dense tag array: max(a, b) + agree·min(a, b). Where no word matches
    (most pairs) that is the tags' cosine itself, so only the sparse product's entries need work."""
    if w.tags != 1.0:
        tags *= F32(w.tags)
    text = sparse.csr_matrix(text)
    rows = np.repeat(np.arange(text.shape[0], dtype=np.int64), np.diff(text.indptr))
    at = rows * tags.shape[1] + text.indices
    flat = tags.reshape(-1)
    a = np.asarray(text.data, dtype=F32) * F32(w.text)
    b = flat[at]
    flat[at] = np.maximum(a, b) + F32(w.agree) * np.minimum(a, b)
    return tags


@dataclass(frozen=True)
class _Side:
    """One side of a block of pairs: rows as they ask (seeks, offers, tags, bonus factor) or columns, transposed."""

    seeks: Matrix
    offers: Matrix
    seek_tags: npt.NDArray[np.float32]
    offer_tags: npt.NDArray[np.float32]
    bonus: npt.NDArray[np.float32]


def _text(matrix: Matrix) -> Matrix:
    return sparse.csr_matrix(matrix)


def _rows(m: _Model, d: _Dense, lo: int, hi: int) -> _Side:
    return _Side(_text(m.seeks[lo:hi]), _text(m.offers[lo:hi]),
                 d.seek_tags[lo:hi], d.offer_tags[lo:hi], d.left[lo:hi])


def _columns(m: _Model, d: _Dense, cols: npt.NDArray[np.int64] | slice) -> _Side:
    """Columns transposed for the products: a row side's seeks meet a column side's offers."""
    return _Side(_text(m.seeks[cols].T), _text(m.offers[cols].T),
                 np.ascontiguousarray(d.seek_tags[cols].T), np.ascontiguousarray(d.offer_tags[cols].T),
                 np.ascontiguousarray(d.right[cols].T))


def _scores(rows: _Side, cols: _Side, w: Weights, lift: float, sink: bool = True) \
        -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Final scores of a block of pairs and both interests: a few products (sparse text; dense tags and bonus
    factors, both small) and a few element-wise passes. Without `sink`, pairs with too little interest keep
    their plain score: the caller drops them among the few entries it keeps, which is cheaper than a pass."""
    fwd = _one_way(w, rows.seeks @ cols.offers, rows.seek_tags @ cols.offer_tags)
    bwd = _one_way(w, rows.offers @ cols.seeks, rows.offer_tags @ cols.seek_tags)
    score = rows.bonus @ cols.bonus
    score += fwd
    score += bwd
    # Masks as arithmetic (masked writes cost ten times a plain pass): mutual pairs are lifted, and pairs with too
    # little interest either way (no match, or only a shared "and" or "für") sink far below every suggestion.
    # Both from comparisons (cheap, a byte each) rather than min and max: mutual is fwd ≥ m and bwd ≥ m, too little
    # is fwd < floor and bwd < floor; the step is +1 (mutual), −SINK (too little) or 0, in units of `lift`.
    step = ((fwd >= F32(w.mutual)) & (bwd >= F32(w.mutual))).view(np.int8)
    if sink:
        low = ((fwd < F32(w.floor)) & (bwd < F32(w.floor))).view(np.int8)
        low *= np.int8(SINK)
        step -= low
    score += np.multiply(step, F32(lift), dtype=F32)
    return score, fwd, bwd


def _block_scores(m: _Model, d: _Dense, lo: int, hi: int, w: Weights) \
        -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Scores of rows lo..hi against every candidate column, and both interests."""
    assert d.candidates is not None
    score, fwd, bwd = _scores(_rows(m, d, lo, hi), d.candidates, w, d.lift)
    own = d.col_of[lo:hi]
    mine = np.flatnonzero(own >= 0)
    score[mine, own[mine]] = -np.inf  # never oneself
    return score, fwd, bwd


SINK = 4  # pairs without enough interest sink by SINK·lift: below −2·lift, while every suggestion is above it


def _top_k(score: npt.NDArray[np.float32], k: int, least: float, group: int = 0) -> npt.NDArray[np.int64]:
    """The columns of each row's k best scores above `least`, best first, ties by column; −1 pads rows with fewer.

    Exact without sorting whole rows: the k-th largest of the maxima of column groups is a lower bound of the
    row's k-th largest score (k groups each hold a score at least that high), so only scores at or above it
    are candidates, usually about k of them. Groups are strided (column c in group c mod g), so their maxima
    are a few element-wise passes; about 8·k groups keep the bound tight."""
    b, n = score.shape
    group = group or max(1, min(32, n // (8 * k)))
    out = np.full((b, k), -1, dtype=np.int64)
    if b == 0 or n == 0:
        return out
    width = n // group
    if width >= k:
        maxima = score[:, :width * group].reshape(b, group, width).max(axis=1)
        if width * group < n:  # the last few columns are groups of one
            maxima = np.hstack([maxima, score[:, width * group:]])
        bound = np.partition(maxima, maxima.shape[1] - k, axis=1)[:, maxima.shape[1] - k]
    else:
        bound = np.full(b, -np.inf, dtype=F32)
    bound = np.maximum(bound, F32(least))
    r, c = np.nonzero(score >= bound[:, None])  # row by row, columns ascending
    # Sort by row, then score descending, stably (ties keep the column order): one float64 key does both, exactly
    # (a float32 score above −SINK·lift needs far fewer than the 53 bits left beside the row's offset).
    offset = 4.0 * (SINK + 2) * abs(least) + 8.0
    order = np.argsort(r * offset - score[r, c].astype(np.float64), kind="stable")
    r, c = r[order], c[order]
    starts = np.searchsorted(r, np.arange(b))
    rank = np.arange(len(r)) - starts[r]
    keep = rank < k
    out[r[keep], rank[keep]] = c[keep]
    return out


Best: TypeAlias = tuple[npt.NDArray[np.int64], npt.NDArray[np.float32], npt.NDArray[np.float32],
                        npt.NDArray[np.float32]]  # each row's k best: columns (−1 for none), scores, both interests


def _pick(score: npt.NDArray[np.float32], fwd: npt.NDArray[np.float32], bwd: npt.NDArray[np.float32], k: int,
          least: float, cols: npt.NDArray[np.int64], transposed: bool = False) -> Best:
    """Each row's k best of a block, as profile indices (`cols` maps the block's columns to them). Transposed:
    `score` is the block seen from its columns, while `fwd` and `bwd` are still the rows' (not copied)."""
    best = _top_k(score, k, least)
    picked = np.arange(len(score))[:, None]
    at = np.maximum(best, 0)
    none = best < 0
    out = np.where(none, -1, cols[at])
    interests = (bwd[at, picked], fwd[at, picked]) if transposed else (fwd[picked, at], bwd[picked, at])
    return (out, np.where(none, F32(-np.inf), score[picked, at])) + interests


# Blocks' candidates are merged (and the bounds raised) every few blocks of a profile: merging after each block
# spends more on sorts than the higher bounds save in candidates.
MERGE_EVERY = 4

Candidates: TypeAlias = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float32],
                              npt.NDArray[np.float32], npt.NDArray[np.float32]]  # rows, columns, scores, interests


def _candidates(score: npt.NDArray[np.float32], bound: npt.NDArray[np.float32], axis: int) \
        -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(row, column) of a block's entries at or above the bound of their row (axis 0) or of their column (axis 1)."""
    mask = score >= (bound[:, None] if axis == 0 else bound[None, :])
    # flatnonzero and a division: a tenth of the time of a two-dimensional nonzero on a block.
    at = np.flatnonzero(mask).astype(np.int64)
    r = at // score.shape[1]
    return r, at - r * score.shape[1]


def _bulk(m: _Model, d: _Dense, w: Weights, k: int, block: int, threads: int) -> Best:
    """Every profile's k best, a square block of pairs at a time. Scores are symmetric (both interests, the
    bonus and the masks do not depend on the order of a pair), so each block above the diagonal is computed once
    and serves its rows and, read down its columns, its columns: half the work, and blocks small enough to stay in
    the cores' caches.

    Each profile keeps a bound: the k-th best score found so far, which the final k-th best can only match or
    beat. The diagonal blocks, ranked exactly first, set the bounds; after that a block only hands on the few
    entries at or above their row's or column's bound (one comparison pass each way, no sort, no transposed
    copy), and the bounds rise as candidates are merged. A bound read by a block while another raises it is only
    lower than it could be, which costs a few more candidates and never a wrong answer."""
    n = len(m.candidate)
    starts = list(range(0, n, block))
    ends = [min(lo + block, n) for lo in starts]
    sides = [(_rows(m, d, lo, hi), _columns(m, d, slice(lo, hi))) for lo, hi in zip(starts, ends, strict=True)]
    visible = m.candidate
    least = F32(-2 * d.lift)
    best: Best = (np.full((n, k), -1, dtype=np.int64), np.full((n, k), -np.inf, dtype=F32),
                  np.zeros((n, k), dtype=F32), np.zeros((n, k), dtype=F32))
    bound = np.full(n, least, dtype=F32)

    def diagonal(i: int) -> tuple[int, Best]:
        score, fwd, bwd = _scores(sides[i][0], sides[i][1], w, d.lift)
        np.fill_diagonal(score, -np.inf)  # never oneself
        score[:, ~visible[starts[i]:ends[i]]] = -np.inf  # hidden profiles are never suggested
        return i, _pick(score, fwd, bwd, k, float(least), np.arange(starts[i], ends[i], dtype=np.int64))

    def off_diagonal(ij: tuple[int, int]) -> tuple[int, int, Candidates, Candidates]:
        i, j = ij
        score, fwd, bwd = _scores(sides[i][0], sides[j][1], w, d.lift, sink=False)
        r, c = _candidates(score, bound[starts[i]:ends[i]], 0)
        # Hidden profiles still get suggestions, they are never suggested; pairs with too little interest either
        # way are never suggested at all.
        shown = visible[starts[j] + c] & ((fwd[r, c] >= F32(w.floor)) | (bwd[r, c] >= F32(w.floor)))
        r, c = r[shown], c[shown]
        ahead = (starts[i] + r, starts[j] + c, score[r, c], fwd[r, c], bwd[r, c])
        r, c = _candidates(score, bound[starts[j]:ends[j]], 1)
        shown = visible[starts[i] + r] & ((fwd[r, c] >= F32(w.floor)) | (bwd[r, c] >= F32(w.floor)))
        r, c = r[shown], c[shown]
        back = (starts[j] + c, starts[i] + r, score[r, c], bwd[r, c], fwd[r, c])  # the column's own interests
        return i, j, ahead, back

    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        for i, found in pool.map(diagonal, range(len(starts))):
            targets: tuple[npt.NDArray[Any], ...] = best
            for target, part in zip(targets, found, strict=True):
                target[starts[i]:ends[i]] = part
        bound[:] = np.maximum(best[1][:, k - 1], least)
        waiting: list[list[Candidates]] = [[] for _ in starts]

        def keep(i: int, found: Candidates | None, at_least: int) -> None:
            if found is not None and len(found[0]):
                waiting[i].append(found)
            if waiting[i] and (len(waiting[i]) >= at_least or found is None):
                _merge_candidates(best, bound, waiting[i], k, n, least)
                waiting[i] = []

        blocks = [(i, j) for i in range(len(starts)) for j in range(i + 1, len(starts))]
        for i, j, ahead, back in pool.map(off_diagonal, blocks):
            keep(i, ahead, MERGE_EVERY)
            keep(j, back, MERGE_EVERY)
        for i in range(len(starts)):
            keep(i, None, 1)
    return best


def _merge_candidates(best: Best, bound: npt.NDArray[np.float32], found: list[Candidates], k: int,
                      sentinel: int, least: np.float32) -> None:
    """Merge candidate entries into their profiles' k best (ties by column, as `_top_k` orders them), and raise
    those profiles' bounds to the new k-th best. Candidates found under an older bound are first held against
    the current one, so the sort only sees the few rows that gained something."""
    rows = np.concatenate([f[0] for f in found])
    scores = np.concatenate([f[2] for f in found])
    fresh = scores >= bound[rows]
    if not fresh.any():
        return
    rows = rows[fresh]
    touched, slot = np.unique(rows, return_inverse=True)
    held = [best[at][touched].reshape(-1) for at in range(4)]
    parts = [np.concatenate([held[at], np.concatenate([f[at + 1] for f in found])[fresh]]) for at in range(4)]
    which = np.concatenate([np.repeat(np.arange(len(touched), dtype=np.int64), k), slot.reshape(-1)])
    cols = parts[0]
    order = np.lexsort((np.where(cols < 0, sentinel, cols), -parts[1], which))
    which = which[order]
    rank = np.arange(len(which)) - np.searchsorted(which, which)
    top = rank < k
    place = touched[which[top]], rank[top]
    for at in range(4):
        best[at][place] = parts[at][order[top]]
    bound[touched] = np.maximum(best[1][touched, k - 1], least)


def suggest(profiles: Sequence[MatchProfile], top: int = 10, weights: Weights | None = None,
            only: Sequence[int] | None = None, block: int = 512, reasons: bool = True,
            threads: int = 2) -> dict[int, list[Suggestion]]:
    """The `top` partners of each profile (or of the profiles whose keys are in `only`), best first."""
    w = weights or Weights()
    if not profiles or top <= 0:
        return {}
    m = _model(profiles)
    n = len(profiles)
    k = min(top, n)
    # One BLAS thread per block: the blocks already keep the cores busy, and BLAS's own threads only wait on them.
    with threadpool_limits(limits=1, user_api="blas"):
        if only is None:
            d = _dense_model(m, w, columns=False)
            found = [(0, _bulk(m, d, w, k, block, threads))]
        else:
            d = _dense_model(m, w)
            wanted = set(only)
            rows_wanted = [i for i, p in enumerate(profiles) if p.key in wanted]
            ranges = [run for start in range(0, len(rows_wanted), block)
                      for run in _runs(rows_wanted[start:start + block])]

            def rank(run: tuple[int, int]) -> tuple[int, Best]:
                score, fwd, bwd = _block_scores(m, d, run[0], run[1], w)
                return run[0], _pick(score, fwd, bwd, k, -2 * d.lift, d.cols)

            # NumPy and SciPy release the GIL in their loops: blocks run side by side on the machine's cores.
            with ThreadPoolExecutor(max_workers=max(1, min(threads, len(ranges) or 1))) as pool:
                found = list(pool.map(rank, ranges))
    out: dict[int, list[Suggestion]] = {}
    keys = [p.key for p in profiles]
    for lo, (best, scores64, fwd_best, bwd_best) in found:
        scores = scores64.astype(np.float64)
        mutual = scores >= d.lift
        shown = np.round(np.where(mutual, scores - d.lift, scores), 4).tolist()
        fwd_shown = np.round(fwd_best.astype(np.float64), 4).tolist()
        bwd_shown = np.round(bwd_best.astype(np.float64), 4).tolist()
        mutual_l = mutual.tolist()
        for r, row in enumerate(best.tolist()):
            a = profiles[lo + r]
            picks = zip(row, shown[r], mutual_l[r], fwd_shown[r], bwd_shown[r], strict=True)
            if reasons:
                out[a.key] = [_suggestion(a, profiles[j], *rest) for j, *rest in picks if j >= 0]
            else:  # the bulk case: no reasons, so no call per suggestion beyond its constructor
                out[a.key] = [Suggestion(keys[j], score, mutual, f, b) for j, score, mutual, f, b in picks if j >= 0]
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


def _suggestion(a: MatchProfile, b: MatchProfile, score: float, mutual: bool, forward: float,
                backward: float) -> Suggestion:
    """A shown suggestion with its reasons (matched words and tags), worked out only for the pairs shown."""
    return Suggestion(
        partner=b.key, score=score, mutual=mutual, interest=forward, interest_back=backward,
        words_offered=tuple(sorted(_words(a.seeks) & _words(b.offers))),
        words_sought=tuple(sorted(_words(b.seeks) & _words(a.offers))),
        tags_offered=tuple(sorted(a.seek_tags & b.offer_tags)),
        tags_sought=tuple(sorted(b.seek_tags & a.offer_tags)),
        complementary_groups=bool(a.group and b.group and a.group != b.group),
        other_city=a.city != b.city,
        shared_interests=tuple(sorted(a.interests & b.interests)),
    )


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


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
