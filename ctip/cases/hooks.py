"""Receivers for the signals of the apps below cases."""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from ctip.azlang import lemma_candidates
from ctip.extraction.masking import surname_shape

from . import blindindex, permissions
from .models import NameIndex, Referral

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CHUNK = 500  # digests per query (SQLite's bound parameters)


def _candidates(word: str) -> set[str]:
    """Token digests a word may stand for: itself, before an apostrophe, without case endings."""
    base = re.split(r"['’]", word, maxsplit=1)[0]
    forms = {word, base, *lemma_candidates(base)}
    return {blindindex.digest("t", t) for f in forms for t in blindindex.tokens(f)}


def known_name_spans(sender, *, text: str, **kwargs) -> list[tuple[int, int]]:
    """Where `text` names a person of a case: two adjacent words of the same person's names
    (`Nərgiz Bəxtiyar`, `Bəxtiyar Nərgizin`), or one surname-shaped word of them. Matched on the
    blind index (HMAC digests): no name is decrypted, none leaves this function."""
    words = [m for m in _WORD.finditer(text or "") if m.group()[:1].isupper()]
    if not words:
        return []
    cands = [_candidates(m.group()) for m in words]
    digests = sorted(set().union(*cands))
    owners: dict[str, set[int]] = defaultdict(set)
    for i in range(0, len(digests), _CHUNK):
        rows = NameIndex.objects.filter(digest__in=digests[i : i + _CHUNK])
        for person_id, digest in rows.values_list("person_id", "digest"):
            owners[digest].add(person_id)
    if not owners:
        return []
    persons = [set().union(*(owners.get(d, set()) for d in c)) for c in cands]
    return _runs(text, words, persons)


def _runs(text, words, persons) -> list[tuple[int, int]]:
    spans = []
    for i, (word, who) in enumerate(zip(words, persons, strict=True)):
        if not who:
            continue
        nxt = i + 1
        if (
            nxt < len(words)
            and text[word.end() : words[nxt].start()].isspace()
            and who & persons[nxt]
        ):
            spans.append((word.start(), words[nxt].end()))
        elif surname_shape(word.group()) == "strong":
            spans.append(word.span())
    return spans


def suggest_indicator_values(sender, *, indicator, period, agency, user=None, **kwargs):
    """Suggested value for an indicator that counts cases referred under the referral mechanism:
    referrals to a competent authority sent during the period (cases of `agency` when given).
    A count only, offered to users who may see the case figures."""
    if indicator.source != "cases_referred" or not permissions.can(user, "stats.view"):
        return []
    qs = Referral.objects.filter(
        kind=Referral.Kind.COMPETENT_AUTHORITY, sent_on__gte=period.start, sent_on__lte=period.end
    )
    if agency is not None:
        qs = qs.filter(case__agency=agency)
    value = qs.count()
    note = _("Referral mechanism: %(value)s referrals sent in %(period)s") % {
        "value": value,
        "period": period.code,
    }
    if agency is not None:
        note += f" ({agency.abbr})"
    return [{"key": "cases:referred", "value": value, "note": note}]
