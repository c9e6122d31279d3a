"""Line-end hyphens: a word broken across lines is joined, a real hyphen is kept.

Decided with a lexicon of the document's own words (every word written whole somewhere in
it) and of the language core (`ctip.azlang.CORE_WORDS`):

* after a digit the hyphen is real (`2022-` + `ci il`, `144-` + `1-ci`);
* a capital after the hyphen keeps it (`Cənub-` + `Şərqi`);
* the hyphenated form written whole elsewhere keeps it (`əməliyyat-axtarış`);
* the joined form written whole elsewhere (or a form of the same stem) joins it
  (`nümayəndəlik-` + `lərə`);
* a repeated stem keeps it (`olub-` + `olmamasının`, `saxlanılıb-` + `saxlanılmaması`);
* a word after the hyphen keeps it (`tədris-` + `metodik`, `Əhməd-` + `zadə`);
* anything else is a syllable break and is joined (`əsa-` + `sında`, `Bir-` + `ləşmiş`).
"""

from __future__ import annotations

import re
from functools import cached_property

from ctip.azlang import CORE_WORDS, lower, stem_key

_WORD_RE = re.compile(r"[^\W\d_]+")
_BROKEN_RE = re.compile(r"[^\W\d_]+-[ \t]*\n\s*[^\W\d_]+")
_COMPOUND_RE = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_CONVERB = ("ıb", "ib", "ub", "üb")


class Lexicon:
    """The words of one document, for deciding its line-end hyphens."""

    def __init__(self, text: str):
        whole = _BROKEN_RE.sub(" ", text)
        self.words = {lower(w) for w in set(_WORD_RE.findall(whole))}
        self.compounds = {lower(w) for w in set(_COMPOUND_RE.findall(whole))}

    @cached_property
    def stems(self) -> set[str]:
        return {stem_key(w) for w in self.words if len(w) >= 4}

    def known(self, word: str) -> bool:
        low = lower(word)
        return low in self.words or low in CORE_WORDS

    def keep_hyphen(self, left: str, right: str) -> bool:
        """True when `left-` at a line end and `right` on the next line form a hyphenated word."""
        if not left or not right or left[-1].isdigit() or right[0].isdigit():
            return True
        if right[0].isupper():
            return True
        low_left, low_right = lower(left), lower(right)
        if f"{low_left}-{low_right}" in self.compounds:
            return True
        joined = low_left + low_right
        if joined in self.words or joined in CORE_WORDS:
            return False
        if len(joined) >= 7 and not self.known(right) and stem_key(joined) in self.stems:
            return False
        if low_left.endswith(_CONVERB) and low_right[:2] == low_left[:2]:
            return True
        if len(low_left) >= 3 and low_right.startswith(low_left[:3]) and len(low_right) > 3:
            return True
        return len(low_right) >= 4 and self.known(right)

    def join(self, left: str, right: str) -> bool:
        """True when the two parts are one word broken by a syllable hyphen."""
        return not self.keep_hyphen(left, right)
