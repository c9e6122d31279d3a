"""Find names from a reference list in inflected Azerbaijani text.

Names are matched on az-lowercased tokens: every word but the last must match exactly, the
last may carry a case ending (`Nazirliyi` -> `Nazirliyinə`, `Yunanıstan` -> `Yunanıstanda`).
Abbreviations (`DİN`, `BMqT`) are matched case-sensitively, with `-in`/`'a` style endings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .textutil import CASE_SUFFIXES, WORD_RE, az_lower, strip_apostrophe_suffix, tokenize

# Between two words of one name only spaces, brackets, quotes, commas or dashes may stand.
_GAP_RE = re.compile(r"[ \t()\"“”«»„,–—-]{0,6}")


def trie_regex(words) -> str:
    """A regex matching any of `words`, arranged as a trie so it fails fast."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def is_abbreviation(s: str) -> bool:
    return " " not in s and sum(c.isupper() for c in s) >= 2


def _transposed(a: str, b: str) -> bool:
    """True if `b` is `a` with exactly one pair of adjacent letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


class _Node:
    __slots__ = ("children", "names")

    def __init__(self):
        self.children: dict[str, _Node] = {}
        self.names: list[tuple[str, str, int]] = []


@dataclass(slots=True)
class Match:
    key: str
    start: int  # char offsets
    end: int
    fuzzy: bool = False


class Gazetteer:
    """Index of (key, phrase) names and (key, abbreviation) pairs."""

    def __init__(
        self, names: list[tuple[str, str]], abbrevs: list[tuple[str, str]], *, fuzzy: bool = False
    ):
        self.fuzzy = fuzzy
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._single: dict[str, list[str]] = {}
        self._index_names(names)
        self._trie = self._build_trie()
        self._abbr: dict[str, str] = {}
        for key, ab in abbrevs:
            self._abbr.setdefault(ab, key)
        # The words a name may start with (any first word, one-word name or lowercased
        # abbreviation): a C-speed scan finds them, and only those places are read in Python.
        self.starts = frozenset(self._by_first) | set(self._single)
        self.starts |= {az_lower(x) for x in self._abbr}
        self._prefix_re = re.compile(trie_regex(self.starts))

    def _index_names(self, names: list[tuple[str, str]]) -> None:
        """One-word names by their word, longer ones by their first word (longest first)."""
        for key, phrase in names:
            words = tuple(t.low for t in tokenize(phrase, az_lower(phrase)))
            if not words:
                continue
            if len(words) == 1:
                self._single.setdefault(words[0], []).append(key)
            else:
                self._by_first.setdefault(words[0], []).append((key, words))
        for lst in self._by_first.values():
            lst.sort(key=lambda kw: -len(kw[1]))

    def _build_trie(self) -> dict[str, _Node]:
        """The multi-word names as a trie of exact words.

        The node reached after the first d words holds (in longest-first, then listed order)
        the names of d + 1 words, whose last word is checked with its case ending. A name can
        only match through the one path the text's words spell, so the text is walked once
        instead of name by name.
        """
        trie: dict[str, _Node] = {}
        for first, lst in self._by_first.items():
            root = trie[first] = _Node()
            for key, words in lst:
                node = root
                for w in words[1:-1]:
                    node = node.children.setdefault(w, _Node())
                node.names.append((key, words[-1], len(words)))
        return trie

    @staticmethod
    def _last_ok(word: str, tok: str) -> bool:
        return tok.startswith(word) and tok[len(word) :] in CASE_SUFFIXES

    def _fuzzy_last_ok(self, word: str, tok: str) -> bool:
        if not self.fuzzy or len(word) < 6:
            return False
        return _transposed(word, tok[: len(word)]) and tok[len(word) :] in CASE_SUFFIXES

    def _multiword(self, text: str, low: str, p: int, first_low: str, end: int) -> Match | None:
        """The longest multi-word name starting at p: the next words are read while they
        follow a path of the trie; the name's last word may be inflected."""
        node = self._trie[first_low]
        path = [node]  # the nodes passed
        words, ends = [], []  # the words read after the first (lowercased), their ends
        while True:
            nxt = _NEXT_WORD_RE.match(text, end)
            if nxt is None:
                break
            start, end = nxt.span(1)
            words.append(low[start:end])
            ends.append(end)
            node = node.children.get(words[-1])
            if node is None:
                break
            path.append(node)
        for d in range(min(len(path), len(words)), 0, -1):
            cur = words[d - 1]
            for key, last, m in path[d - 1].names:
                if self._last_ok(last, cur):
                    return Match(key, p, ends[d - 1])
                if m >= 3 and self._fuzzy_last_ok(last, cur):
                    return Match(key, p, ends[d - 1], True)
        return None

    def longest_start(self, word: str) -> str | None:
        """The longest of this gazetteer's start words that `word` begins with, or None."""
        m = self._prefix_re.match(word)
        return m.group() if m else None

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in `text`, longest first (see `find_all`)."""
        return find_all((self,), text)[0]

    def match_at(
        self, text: str, low: str, first: re.Match[str], start: str, found: list[Match]
    ) -> None:
        """Add the names that start with the word `first` (abbreviation, multi-word or
        one-word name) to `found`; `start` is the longest listed start word it begins with."""
        p, end = first.span()
        word, first_low = first.group(), low[p:end]
        key = self._abbr.get(word)  # abbreviations are case-sensitive
        if key is None and ("-" in word or "'" in word or "’" in word):
            key = self._abbr.get(strip_apostrophe_suffix(word))  # DİN-in
        if key:
            found.append(Match(key, p, end))
        if first_low in self._trie:
            hit = self._multiword(text, low, p, first_low, end)
            if hit is not None:
                found.append(hit)
        # One-word names are proper nouns (capitalised): the longest listed word at p, and
        # the rest of the word a case ending.
        if word[:1].isupper():
            keys = self._single.get(start)
            if keys and first_low[len(start) :] in CASE_SUFFIXES:
                found.append(Match(keys[0], p, end))


# The next word of a name, after the gap allowed between two words of one name.
_NEXT_WORD_RE = re.compile(_GAP_RE.pattern + "(" + WORD_RE.pattern + ")")


class _Scanner:
    """The start words of several gazetteers as one trie regex (at word starts), and for each
    start word the longest start word of every gazetteer that it begins with (or None)."""

    def __init__(self, gazetteers: tuple[Gazetteer, ...]):
        starts = frozenset().union(*(g.starts for g in gazetteers))
        self.regex = re.compile(r"(?<![^\W_])" + trie_regex(starts))
        self.own = {s: tuple(g.longest_start(s) for g in gazetteers) for s in starts}


@lru_cache(maxsize=8)
def _scanner(gazetteers: tuple[Gazetteer, ...]) -> _Scanner:
    return _Scanner(gazetteers)


def _may_start_name(word: str, start: str) -> bool:
    """Whether a name can start with `word`, which begins with the start word `start`.

    A multi-word name's first word and an abbreviation are whole start words; a one-word name
    is capitalised; an abbreviation with a suffix is joined to it (`DİN-in`). So a lowercase
    word longer than its start word (`inkişaf` after `in`) starts nothing.
    """
    return len(word) == len(start) or word[0].isupper() or "-" in word or "'" in word or "’" in word


def find_all(gazetteers: tuple[Gazetteer, ...], text: str) -> list[list[Match]]:
    """Each gazetteer's non-overlapping matches in `text`, longest first, from one scan.

    Words are read only where a name of one of them may start, found by one trie regex over
    the lowercased text (the scan is most of the cost, so gazetteers that read the same text
    share it).
    """
    low = az_lower(text)
    scanner = _scanner(gazetteers)
    found: list[list[Match]] = [[] for _ in gazetteers]
    for cm in scanner.regex.finditer(low):
        p = cm.start()
        if p > 1 and text[p - 1] in "-'’" and text[p - 2].isalnum():
            continue  # inside a hyphenated word ("Qeyri-Hökumət")
        first = WORD_RE.match(text, p)
        start = cm.group()
        if first is None or not _may_start_name(first.group(), start):
            continue
        for gazetteer, own, matches in zip(gazetteers, scanner.own[start], found, strict=True):
            if own is not None:
                gazetteer.match_at(text, low, first, own, matches)
    return [select_longest(matches) for matches in found]


def select_longest(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, preferring the longest at each place, in text order."""
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Match] = []
    for m in ordered:
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
