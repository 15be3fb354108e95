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
        matrix = TfidfVectorizer(sublinear_tf=True, lowercase=True, token_pattern=WORD.pattern).fit_transform(docs)
    except ValueError:  # only one-letter words: no vocabulary
        return sparse.csr_matrix((len(docs), 1))
    return sparse.csr_matrix(matrix)


def _onehot(rows: Sequence[frozenset[str]], vocabulary: dict[str, int], normalise: bool) -> Matrix:
    indptr, indices = [0], []
    for row in rows:
        indices += sorted(vocabulary[t] for t in row if t in vocabulary)
        indptr.append(len(indices))
    data = np.ones(len(indices))
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
    interests: Matrix
    candidate: npt.NDArray[np.bool_]


def _model(profiles: Sequence[MatchProfile]) -> _Model:
    n = len(profiles)
    text = _tfidf([p.seeks for p in profiles] + [p.offers for p in profiles])
    tag_vocabulary = {t: i for i, t in enumerate(sorted({t for p in profiles for t in p.offer_tags | p.seek_tags}))}
    group_ids = {g: i for i, g in enumerate(sorted({p.group for p in profiles}))}
    interest_vocabulary = {t: i for i, t in enumerate(sorted({t for p in profiles for t in p.interests}))}
    return _Model(
        seeks=text[:n], offers=text[n:],
        seek_tags=_onehot([p.seek_tags for p in profiles], tag_vocabulary, True),
        offer_tags=_onehot([p.offer_tags for p in profiles], tag_vocabulary, True),
        groups=np.array([group_ids[p.group] if p.group else -1 for p in profiles], dtype=np.int64),
        cities=np.array([p.city for p in profiles], dtype=np.int64),
        interests=_onehot([p.interests for p in profiles], interest_vocabulary, False),
        candidate=np.array([p.candidate for p in profiles], dtype=bool),
    )


def _views(w: Weights, text: Matrix, tags: Matrix) -> npt.NDArray[np.float64]:
    """One interest from two views of the same wish: words and tags. The stronger view counts in full and the
    other adds `agree` of itself, so a pair in one language is not counted twice over a pair whose only shared
    language is the taxonomy."""
    a = w.text * np.asarray(sparse.csr_matrix(text).todense(), dtype=np.float64)
    b = w.tags * np.asarray(sparse.csr_matrix(tags).todense(), dtype=np.float64)
    return np.asarray(np.maximum(a, b) + w.agree * np.minimum(a, b), dtype=np.float64)


def _block(m: _Model, rows: slice, w: Weights) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64],
                                                        npt.NDArray[np.float64]]:
    """Interest (rows in columns), interest back (columns in rows) and the ranking score of a block of rows."""
    fwd = _views(w, m.seeks[rows] @ m.offers.T, m.seek_tags[rows] @ m.offer_tags.T)
    bwd = _views(w, m.offers[rows] @ m.seeks.T, m.offer_tags[rows] @ m.seek_tags.T)
    groups = m.groups[rows]
    score = fwd + bwd
    score += w.group * ((groups[:, None] != m.groups[None, :]) & (groups[:, None] >= 0) & (m.groups[None, :] >= 0))
    score += w.city * (m.cities[rows][:, None] != m.cities[None, :])
    if m.interests.shape[1] and w.interest:
        score += w.interest * np.asarray(sparse.csr_matrix(m.interests[rows] @ m.interests.T).todense()).clip(0, 1)
    mutual = (fwd >= w.mutual) & (bwd >= w.mutual)
    # Mutual interest ranks first: lift mutual pairs above every one-sided one.
    score = score + mutual * 1000.0
    score[:, ~m.candidate] = -np.inf
    idx = np.arange(rows.start, rows.stop)
    score[idx - rows.start, idx] = -np.inf  # never oneself
    nothing = (fwd <= 0) & (bwd <= 0)
    score[nothing] = -np.inf  # no interest either way: not a suggestion, however close the city or group
    return fwd, bwd, score


def suggest(profiles: Sequence[MatchProfile], top: int = 10, weights: Weights | None = None,
            only: Sequence[int] | None = None, block: int = 2000, reasons: bool = True) -> dict[int, list[Suggestion]]:
    """The `top` partners of each profile (or of the profiles whose keys are in `only`), best first."""
    w = weights or Weights()
    if not profiles or top <= 0:
        return {}
    m = _model(profiles)
    wanted = None if only is None else set(only)
    out: dict[int, list[Suggestion]] = {}
    n = len(profiles)
    rows_wanted = [i for i, p in enumerate(profiles) if wanted is None or p.key in wanted]
    for start in range(0, len(rows_wanted), block):
        chunk = rows_wanted[start:start + block]
        lo, hi = chunk[0], chunk[-1] + 1
        fwd, bwd, score = _block(m, slice(lo, hi), w)
        k = min(top, n - 1) if n > 1 else 0
        for i in chunk:
            r = i - lo
            if k <= 0:
                out[profiles[i].key] = []
                continue
            row = score[r]
            best = np.argpartition(-row, k - 1)[:k] if k < n else np.arange(n)
            best = best[np.isfinite(row[best])]
            best = best[np.lexsort((best, -row[best]))]
            out[profiles[i].key] = [
                _suggestion(profiles[i], profiles[j], float(row[j] - 1000.0 if row[j] >= 1000.0 else row[j]),
                            bool(row[j] >= 1000.0), float(fwd[r, j]), float(bwd[r, j]), reasons)
                for j in best]
    return out


def _suggestion(a: MatchProfile, b: MatchProfile, score: float, mutual: bool, forward: float, backward: float,
                reasons: bool) -> Suggestion:
    if not reasons:
        return Suggestion(b.key, round(score, 4), mutual, round(forward, 4), round(backward, 4))
    return Suggestion(
        partner=b.key, score=round(score, 4), mutual=mutual, interest=round(forward, 4),
        interest_back=round(backward, 4),
        words_offered=tuple(sorted(set(tokens(a.seeks)) & set(tokens(b.offers)))),
        words_sought=tuple(sorted(set(tokens(b.seeks)) & set(tokens(a.offers)))),
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
    fwd, bwd, _score = _block(m, slice(0, n), w)
    out = np.minimum(fwd, bwd)
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

    out: dict[int, list[int]] = {}
    for i, a in enumerate(profiles):
        ranked: list[tuple[float, int]] = []
        for j, b in enumerate(profiles):
            if i == j or not b.candidate:
                continue
            fwd = w.text * cos(seek_words[i], offer_words[j]) + w.tags * cos(a.seek_tags, b.offer_tags)
            bwd = w.text * cos(offer_words[i], seek_words[j]) + w.tags * cos(a.offer_tags, b.seek_tags)
            if fwd <= 0 and bwd <= 0:
                continue
            score = fwd + bwd + (1000.0 if fwd >= w.mutual and bwd >= w.mutual else 0.0)
            ranked.append((-score, b.key))
        out[a.key] = [key for _s, key in sorted(ranked)[:top]]
    return out
