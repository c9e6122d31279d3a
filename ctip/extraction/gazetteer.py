"""Find names from a reference list in inflected Azerbaijani text.

Names are matched on az-lowercased tokens: every word but the last must match exactly, the
last may carry a case ending (`Nazirliyi` -> `Nazirliyinə`, `Yunanıstan` -> `Yunanıstanda`).
Abbreviations (`DİN`, `BMqT`) are matched case-sensitively, with `-in`/`'a` style endings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .textutil import (
    CASE_SUFFIXES,
    WORD_RE,
    WordStarts,
    az_lower,
    strip_apostrophe_suffix,
    tokenize,
)

# Between two words of one name only spaces, brackets, quotes, commas or dashes may stand.
_GAP_RE = re.compile(r"[ \t()\"“”«»„,–—-]{0,6}")


def trie_regex(words: Iterable[str]) -> str:
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


def _transpositions(word: str) -> list[str]:
    """`word` with one pair of adjacent (different) letters swapped, every way."""
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    ]


# Regex pieces for reading a name's next words as the tokenizer (WORD_RE) reads them: the gap
# allowed between two words of one name, the end of a word (no letter or joined part after
# it), and the case endings of the last word (longest first, the empty one last).
_GAP = _GAP_RE.pattern
_WORD_END = r"(?![^\W_]|[-'’][^\W_])"
_ENDING = "(?:" + "|".join(re.escape(e) for e in sorted(CASE_SUFFIXES, key=len, reverse=True)) + ")"


class _Node:
    __slots__ = ("children", "names")

    def __init__(self) -> None:
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
        # The words after each first word as one regex, compiled when the word is first met.
        self._rest: dict[str, tuple[re.Pattern[str], list[tuple[str, bool]]]] = {}
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

    def _rest_regex(self, root: _Node) -> tuple[re.Pattern[str], list[tuple[str, bool]]]:
        """The words after a first word as one regex, and (key, fuzzy) per name alternative.

        It reads as the trie is walked: the next word either continues a longer name (a child
        node, tried first) or ends a name of this node, inflected (its names in order, each
        exact and then, in a fuzzy gazetteer, with two adjacent letters of its last word
        swapped: names of 3+ words, last word 6+ letters). One regex match replaces the walk.
        """
        outcomes: list[tuple[str, bool]] = []
        body = self._node_regex(root, outcomes)
        return re.compile(body or "(?!)"), outcomes

    def _node_regex(self, node: _Node, outcomes: list[tuple[str, bool]]) -> str:
        """The regex of the words after `node`: a child's word and what follows it, or the
        last word of one of the node's names (a capturing group each, listed in `outcomes`)."""
        branches = []
        for word, child in node.children.items():
            deeper = self._node_regex(child, outcomes)
            if deeper:
                branches.append(f"{re.escape(word)}{_WORD_END}{deeper}")
        for key, last, size in node.names:
            branches.append(f"({re.escape(last)}{_ENDING}{_WORD_END})")
            outcomes.append((key, False))
            if self.fuzzy and size >= 3 and len(last) >= 6:
                swapped = "|".join(re.escape(w) for w in _transpositions(last))
                branches.append(f"((?:{swapped}){_ENDING}{_WORD_END})")
                outcomes.append((key, True))
        return f"{_GAP}(?:{'|'.join(branches)})" if branches else ""

    def _multiword(self, low: str, p: int, first_low: str, end: int) -> Match | None:
        """The longest multi-word name starting at p with the word `first_low` (ending at
        `end`); the name's last word may be inflected."""
        rest = self._rest.get(first_low)
        if rest is None:
            rest = self._rest[first_low] = self._rest_regex(self._trie[first_low])
        regex, outcomes = rest
        m = regex.match(low, end)
        if m is None:
            return None
        branch = m.lastindex
        assert branch is not None  # every branch of the regex is a group
        key, fuzzy = outcomes[branch - 1]
        return Match(key, p, m.end(), fuzzy)

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
            hit = self._multiword(low, p, first_low, end)
            if hit is not None:
                found.append(hit)
        # One-word names are proper nouns (capitalised): the longest listed word at p, and
        # the rest of the word a case ending.
        if word[:1].isupper():
            keys = self._single.get(start)
            if keys and first_low[len(start) :] in CASE_SUFFIXES:
                found.append(Match(keys[0], p, end))


class _Scanner:
    """The start words of several gazetteers as one trie regex (at word starts), and for each
    start word the longest start word of every gazetteer that it begins with (or None)."""

    def __init__(self, gazetteers: tuple[Gazetteer, ...]):
        starts = frozenset().union(*(g.starts for g in gazetteers))
        self.finder = WordStarts(trie_regex(starts))
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


def _words_view(text: str, low: str) -> str:
    """`low` for reading words as WORD_RE reads `text`: az_lower folds ‘ to ', which joins
    word parts, but ‘ in the text does not; so it is put back where the text has it."""
    if "‘" not in text:
        return low
    return "".join("‘" if c == "‘" else lc for c, lc in zip(text, low, strict=True))


def find_all(gazetteers: tuple[Gazetteer, ...], text: str) -> list[list[Match]]:
    """Each gazetteer's non-overlapping matches in `text`, longest first, from one scan.

    Words are read only where a name of one of them may start, found by one trie regex over
    the lowercased text (the scan is most of the cost, so gazetteers that read the same text
    share it).
    """
    low = az_lower(text)
    words = _words_view(text, low)
    scanner = _scanner(gazetteers)
    found: list[list[Match]] = [[] for _ in gazetteers]
    for cm in scanner.finder.finditer(low):
        p = cm.start(1)
        if p > 1 and text[p - 1] in "-'’" and text[p - 2].isalnum():
            continue  # inside a hyphenated word ("Qeyri-Hökumət")
        first = WORD_RE.match(text, p)
        start = cm.group(1)
        if first is None or not _may_start_name(first.group(), start):
            continue
        for gazetteer, own, matches in zip(gazetteers, scanner.own[start], found, strict=True):
            if own is not None:
                gazetteer.match_at(text, words, first, own, matches)
    return [select_longest(matches) for matches in found]


def select_longest(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, preferring the longest at each place, in text order."""
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Match] = []
    for m in ordered:
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
