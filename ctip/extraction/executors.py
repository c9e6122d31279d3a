"""The executors of a plan measure ("İcraçılar" cell) as bodies of the reference list.

``parse_executors(text)`` finds the named bodies with the organisation gazetteer of the fact
extractor (full names in any case form, abbreviations, the ``Azərbaycan Respublikasının`` prefix,
names that contain commas) and reads what stands between them:

* ``(razılaşdırılmaqla)`` after a name marks it "by agreement";
* a lowercase phrase (``digər aidiyyəti dövlət orqanları (qurumları)``, ``yerli icra hakimiyyəti
  orqanları``) is a general category: kept as text, never an agency;
* a capitalised phrase the reference list does not know is kept as an unknown body, for a
  person to correct.

Each body gets its canonical name: the nominative form of the name as written, one of the names
the reference list has for it (``Azərbaycan Respublikasının Baş Prokurorluğu`` → ``Baş
Prokurorluq``; the 2020 name ``Təhsil Nazirliyi`` stays as written); an abbreviation is expanded
through the document's own list of abbreviations when given, else through the reference list.
Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ctip.reference import organization_by_abbr

from .gazetteer import is_abbreviation
from .organizations import find_organizations
from .textutil import az_lower

AGREEMENT = "razılaşdırılmaqla"
_AGREEMENT_RE = re.compile(r"\(\s*razılaşdırılmaqla\s*\)", re.IGNORECASE)
_REPUBLIC_RE = re.compile(
    r"^(?:Azərbaycan|AZƏRBAYCAN)\s+(?:Respublikası|RESPUBLİKASI)(nın|NIN)?\s+"
)
_SEPARATORS = " \t\n,;."
_HIGH_VOWELS = "ıiuü"
_SOFTEN = {"q": "ğ", "k": "y"}


@dataclass(slots=True)
class Executor:
    """One entry of an executors cell, in the order written."""

    kind: str  # "agency" (in the reference list), "unknown" (a named body it lacks), "category"
    text: str  # as written, without "(razılaşdırılmaqla)"
    name: str  # canonical: the reference's nominative name; the text itself otherwise
    abbr: str | None = None
    by_agreement: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def _words(name: str) -> list[str]:
    return az_lower(name).replace("(", " ( ").replace(")", " ) ").split()


def _is_possessive(word: str, base: str) -> bool:
    """True if `word` is `base` with the 3rd-person possessive ending (Prokurorluq → Prokurorluğu,
    Müvəkkil → Müvəkkili, Şura → Şurası)."""
    if len(word) <= len(base):
        return False
    if base[-1] in "aıoueəiöü":
        return word[: len(base)] == base and word[len(base) :] in ("sı", "si", "su", "sü")
    stems = {base, base[:-1] + _SOFTEN.get(base[-1], base[-1])}
    return any(word[: len(s)] == s and word[len(s) :] in _HIGH_VOWELS for s in stems)


def _nominative(written: str, candidates: list[str], governed: bool) -> str | None:
    """The candidate name that `written` spells, preferring one it is the possessive form of
    when a genitive (``Azərbaycan Respublikasının``) governed it."""
    target = _words(written)
    best, best_changed = None, -1
    for cand in candidates:
        words = _words(cand)
        if len(words) != len(target):
            continue
        changed = 0
        for w, c in zip(target, words, strict=True):
            if w == c:
                continue
            if governed and _is_possessive(w, c):
                changed += 1
                continue
            break
        else:
            if changed > best_changed:
                best, best_changed = cand, changed
    return best


def canonical_name(abbr: str, written: str) -> str:
    """The nominative name of body `abbr` as the text `written` names it (see module doc)."""
    org = organization_by_abbr()[abbr]
    text = written.strip()
    m = _REPUBLIC_RE.match(text)
    governed = bool(m and m.group(1))
    text = text[m.end() :] if m else text
    if is_abbreviation(text):
        return org["name_az"]
    names = [org["name_az"], *(a for a in org["aliases"] if not is_abbreviation(a))]
    return _nominative(text, names, governed) or org["name_az"]


def _close_brackets(text: str, start: int, end: int) -> int:
    """Extend a match that opened a bracket it did not close (`Müvəkkil (Ombudsman`)."""
    if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
        return end + 1
    return end


def _leftovers(gap: str) -> list[tuple[str, bool]]:
    """The phrases between two named bodies, each with its own "by agreement" mark."""
    out = []
    for part in re.split(r"[,;]", gap):
        agreed = bool(_AGREEMENT_RE.search(part))
        text = _AGREEMENT_RE.sub("", part).strip(_SEPARATORS)
        text = re.sub(r"^(?:və|habelə)\s+", "", text)
        if text:
            out.append((re.sub(r"\s+", " ", text), agreed))
    return out


def _other(text: str, agreed: bool, abbreviations: dict[str, str] | None) -> Executor:
    expanded = _from_document_list(text, abbreviations)
    if expanded is not None:
        expanded.by_agreement = agreed
        return expanded
    kind = "category" if text[:1].islower() else "unknown"
    return Executor(kind, text, text, None, agreed)


def _from_document_list(text: str, abbreviations: dict[str, str] | None) -> Executor | None:
    """An abbreviation the document's own list explains, as the body its expansion names."""
    expansion = (abbreviations or {}).get(text)
    if not expansion:
        return None
    found = [e for e in parse_executors(expansion) if e.kind == "agency"]
    if len(found) != 1:
        return None
    return Executor("agency", text, found[0].name, found[0].abbr)


def parse_executors(text: str, abbreviations: dict[str, str] | None = None) -> list[Executor]:
    """The entries of an executors cell, in the order written (see the module docstring).

    `abbreviations` maps an abbreviation to its full name as the document's own list spells it.
    """
    text = re.sub(r"\s+", " ", text or "").strip()
    out: list[Executor] = []
    pos = 0
    for fact in find_organizations(text):
        start, end = fact["span"]
        if start < pos:
            continue
        end = _close_brackets(text, start, end)
        out += [_other(t, a, abbreviations) for t, a in _leftovers(text[pos:start])]
        written = text[start:end]
        out.append(
            _from_document_list(written, abbreviations)
            or Executor("agency", written, canonical_name(fact["abbr"], written), fact["abbr"])
        )
        pos = end
        m = re.match(r"[\s]*" + _AGREEMENT_RE.pattern, text[pos:], re.IGNORECASE)
        if m:
            out[-1].by_agreement = True
            pos += m.end()
    out += [_other(t, a, abbreviations) for t, a in _leftovers(text[pos:])]
    return out


def parse_abbreviations(lines: list[str]) -> dict[str, str]:
    """A document's list of abbreviations (``DİN – Azərbaycan Respublikasının Daxili İşlər
    Nazirliyi``), one per line, as {abbreviation: full name}."""
    out = {}
    for line in lines:
        m = re.match(r"^\s*(\S+)\s+[–—-]\s+(.+?)[;.]?\s*$", line)
        if m and is_abbreviation(m.group(1)):
            out[m.group(1)] = m.group(2).strip()
    return out
