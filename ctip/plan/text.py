"""Search keys and highlighted, escaped snippets for plan titles and report narratives.

Words are reduced with `ctip.azlang` (`search_key`: case- and diacritic-free; `stem_key`: the same
without inflectional suffixes). A document's `search_text` is " key1 key2 … " (leading and trailing
space) so a query word matches with `LIKE '% stem%'` — a word-prefix match that works the same on
SQLite and PostgreSQL. Words inside person facts are stored as "0piikey" so that roles without
need-to-know never find a report by a person's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ctip import azlang

# Words of person facts are stored as PII_PREFIX + key: letters and digits only, so that trigram
# (PostgreSQL) and FTS5 (SQLite) indexes tell them apart from the plain word.
PII_PREFIX = "0pii"
MASK = "▇▇▇"


def stem_key(word: str) -> str:
    key = azlang.stem_key(word) or azlang.search_key(word)
    # azlang may stem harder than a prefix of the folded word; keep whatever is a prefix.
    full = azlang.search_key(word)
    return key if full.startswith(key) else full[: max(1, min(len(key), len(full)))]


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(search key, start, end) of every word, from azlang.search_tokens."""
    return azlang.search_tokens(text or "")


def words(text: str) -> list[tuple[int, int, str]]:
    return [(s, e, text[s:e]) for _k, s, e in tokens(text)]


def build_search_text(text: str, pii_spans: Iterable[tuple[int, int]] = ()) -> str:
    """The space-separated keys of every word; words inside `pii_spans` get PII_PREFIX."""
    spans = sorted(pii_spans)
    keys: dict[str, None] = {}
    for key, start, end in tokens(text):
        if not key:
            continue
        in_pii = any(s <= start and end <= e for s, e in spans)
        keys[(PII_PREFIX + key) if in_pii else key] = None
    return (" " + " ".join(keys) + " ") if keys else ""


def query_keys(q: str) -> list[str]:
    """The stems of the query's words (at most 8, each at least 2 characters)."""
    out: list[str] = []
    for _s, _e, word in words(q):
        key = stem_key(word)
        if key[: len(PII_PREFIX)] == PII_PREFIX[: len(key)]:
            continue  # never let a query reach the person-name keys
        if len(key) >= 2 and key not in out:
            out.append(key)
    return out[:8]


def word_matches(word: str, keys: list[str]) -> bool:
    k = azlang.search_key(word)
    return any(k.startswith(q) for q in keys)


def render_spans(
    text: str,
    marks: list[tuple[int, int, str]],
    *,
    masked: Iterable[tuple[int, int]] = (),
    start: int = 0,
    end: int | None = None,
) -> str:
    """Escape text[start:end]; wrap `marks` (s, e, css) in <mark>/<span class>; replace `masked`
    spans with the personal-data mask (one fixed token, whatever the name's length). Overlapping
    marks are dropped (first wins), and so is any mark touching a masked span."""
    end = len(text) if end is None else end
    masked = merge_spans(masked)
    events: list[tuple[int, int, str | None]] = [(s, e, None) for s, e in masked]
    # a mark around a masked name would show the name: marks touching a mask are dropped
    events += [(s, e, css) for s, e, css in marks if not overlaps(s, e, masked)]
    events.sort(key=lambda x: (x[0], x[2] is not None, -x[1]))
    out: list[str] = []
    pos = start
    for s, e, css in events:
        if e <= pos or s >= end or s < pos:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        if css is None:
            out.append(f'<span class="badge pii-mask">{MASK} ({escape(MASK_LABEL())})</span>')
        elif css == "mark":
            out.append(f"<mark>{escape(text[s:e])}</mark>")
        else:
            out.append(f'<span class="{escape(css)}">{escape(text[s:e])}</span>')
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def narrative_html(narrative: str, facts: Iterable, *, sees_pii: bool) -> SafeString:
    """A report's narrative escaped, its facts wrapped by type; person facts masked for those
    without need-to-know."""
    marks, masked = [], []
    for f in facts:
        if f.pii and not sees_pii:
            masked.append((f.start, f.end))
        else:
            marks.append((f.start, f.end, f"fact fact-{f.type}"))
    return mark_safe(render_spans(narrative, marks, masked=masked))  # noqa: S308 - escaped


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def mask_text(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """`text` with every span replaced by MASK (the same token whatever the name's length), and
    the merged spans, for `masked_offset`."""
    merged = merge_spans(spans)
    parts, pos = [], 0
    for s, e in merged:
        parts += [text[pos:s], MASK]
        pos = e
    parts.append(text[pos:])
    return "".join(parts), merged


def masked_offset(offset: int, merged: list[tuple[int, int]]) -> int:
    """Where `offset` of the original text (outside the spans) lies in mask_text's result."""
    shift = 0
    for s, e in merged:
        if e <= offset:
            shift += (e - s) - len(MASK)
    return offset - shift


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def MASK_LABEL() -> str:  # noqa: N802 - reads like a constant, translated at call time
    return gettext("personal data")


def _space_at_or_after(text: str, i: int) -> int:
    """The first index >= i that is whitespace or the end of text (no word crosses it)."""
    i = min(i, len(text))
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def _space_at_or_before(text: str, i: int) -> int:
    """The last index <= i that starts the text or follows whitespace (no word crosses it)."""
    i = max(0, min(i, len(text)))
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _tokens_between(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """tokens(text) lying in text[a:b], for a and b where no word crosses (see above): words and
    their hyphen joins never span whitespace, so the slice gives the same words and keys."""
    return [(k, s + a, e + a) for k, s, e in tokens(text[a:b])]


def snippet(
    text: str, keys: list[str], *, masked: list[tuple[int, int]] = (), width: int = 220
) -> SafeString:
    """An escaped snippet around the first match, matches in <mark>, masked spans hidden (safe
    HTML: every part is escaped by render_spans)."""
    masked = list(masked)

    def is_hit(k: str, s: int) -> bool:
        return any(k.startswith(q) for q in keys) and not any(ms <= s < me for ms, me in masked)

    first, seen, c0, c1 = _first_match(text, keys, is_hit)
    start, end = _snippet_window(text, first, width, masked)
    # marks outside [start, end] are skipped by render_spans: key only the words around it,
    # reusing the words of the chunk that held the first match
    ra, rb = _space_at_or_before(text, start), _space_at_or_after(text, end)
    words_ = [t for t in seen if ra <= t[1] and t[2] <= rb] if seen else []
    if not seen or ra < c0:
        words_ = _tokens_between(text, ra, c0 if seen else rb) + words_
    if seen and rb > c1:
        words_ += _tokens_between(text, max(c1, ra), rb)
    hits = [(s, e, "mark") for k, s, e in words_ if is_hit(k, s)]
    body = render_spans(text, hits, masked=masked, start=start, end=end)
    body = ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
    return mark_safe(body)  # noqa: S308 - every part escaped by render_spans


def _first_match(
    text: str, keys: list[str], is_hit: Callable[[str, int], bool]
) -> tuple[int | None, list[tuple[str, int, int]], int, int]:
    """(start of the first matching word or None, the words of the chunk holding it, the chunk's
    start and end).

    The match is looked for a few hundred characters at a time: keying every word of a long
    narrative (azlang.search_key per word) costs more than the whole query. A chunk whose folded
    text contains no query key cannot hold a matching word (a word's key is a substring of the
    key of any text around it), so it is skipped without keying its words."""
    first, pos, c0, c1 = None, 0, 0, 0
    seen: list[tuple[str, int, int]] = []
    while pos < len(text) and first is None:
        chunk_end = _space_at_or_after(text, pos + 300)
        folded = azlang.search_key(text[pos:chunk_end])
        if any(q in folded for q in keys):
            seen = _tokens_between(text, pos, chunk_end)
            c0, c1 = pos, chunk_end
            first = next((s for k, s, _e in seen if is_hit(k, s)), None)
        pos = chunk_end
    return first, seen, c0, c1


def _snippet_window(
    text: str, first: int | None, width: int, masked: list[tuple[int, int]]
) -> tuple[int, int]:
    """The snippet's [start, end): `width` characters from a third before the first match,
    widened to word boundaries and never cutting a masked span in half."""
    start = 0 if first is None else max(0, first - width // 3)
    end = min(len(text), start + width)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    for ms, me in masked:
        if ms < start < me:
            start = ms
        if ms < end < me:
            end = me
    return start, end
