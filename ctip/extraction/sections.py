"""Segmentation: units (paragraphs, table rows, tables) -> sub-item sections, in document order.

* A paragraph that opens with a sub-item heading (`headings`) or a sub-item table row opens a
  section. When the heading gives no title, the next paragraph is the title if it reads as one
  (a `Tədbir:` label is dropped).
* A numbered heading whose code is the prefix of another heading's code (`4.2` before
  `4.2.1`) is a section heading; so are `III. …`, `2. Profilaktika`, a merged table row, and a
  DOCX heading styled above the sub-item headings' level. Section headings, the text between
  one and the next sub-item, a closing (`Hörmətlə, …`) and a statistics annex belong to no
  sub-item: they are reported as `unassigned`.
* Text before the first sub-item is the preamble, the section without a code.
* A sub-item reported twice is one section: the later part is appended to the first.
* Statistics tables stay tables, attached to the section they stand in.
* Body paragraphs opened by a form label: `İcraçılar:` / `İcra müddəti:` / `Gözlənilən
  nəticə:` go to `fields`; `İcra vəziyyəti:` is dropped and its text kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ctip.azlang import lower

from .cleaning import ANNEX_HEADINGS
from .headings import LABEL_RE, Heading, is_section_heading, parse_heading, title_like
from .layout import Unit

_CLOSING_RE = re.compile(r"^(?:Hörmətlə|Ehtiramla)\b")
_FIELD_LABELS = {
    "icraçılar": "executors",
    "icraçı": "executors",
    "məsul icraçı": "executors",
    "icra müddəti": "deadline",
    "gözlənilən nəticə": "result",
}
_INLINE_LABEL_RE = re.compile(r"(?<=[.;])\s+(?=(?:İcra müddəti|Gözlənilən nəticə)\s*:)")


@dataclass
class Section:
    code: str | None
    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    repeated: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def take(self, unit: Unit) -> None:
        """Extend the section's source spans and pages with a unit."""
        if self.spans and self.spans[-1][1] + 2 >= unit.start:
            self.spans[-1][1] = max(self.spans[-1][1], unit.end)
        else:
            self.spans.append([unit.start, unit.end])
        if unit.page is not None and unit.page not in self.pages:
            self.pages.append(unit.page)


@dataclass
class Segmented:
    sections: list[Section]
    unassigned: list[dict] = field(default_factory=list)


def body_paragraph(text: str, section: Section) -> str | None:
    """The body text of a paragraph, its form labels moved to the section's fields."""
    m = LABEL_RE.match(text)
    if not m:
        return text
    label = lower(m.group("label"))
    if label not in _FIELD_LABELS:
        if label.startswith("tədbir"):
            return text  # a title label inside a body stays as written
        return text[m.end() :].strip() or None  # `İcra vəziyyəti: …` -> its text
    for part in _INLINE_LABEL_RE.split(text):
        pm = LABEL_RE.match(part)
        if pm is None:
            continue
        key = _FIELD_LABELS.get(lower(pm.group("label")))
        if key:
            section.fields[key] = part[pm.end() :].strip().rstrip(".")
    return None


def _item_level(units: list[Unit], heads: list[Heading | None]) -> int | None:
    levels = Counter(
        u.level for u, h in zip(units, heads, strict=True) if h and u.level is not None
    )
    return levels.most_common(1)[0][0] if levels else None


def _headings(units: list[Unit]) -> tuple[list[Heading | None], set[int]]:
    """Sub-item headings per unit, and the numbered headings that are section headings (their
    code is the prefix of another heading's code: `4.2` before `4.2.1`)."""
    heads = [parse_heading(u.text) if u.kind == "para" else None for u in units]
    codes = {h.code for h in heads if h}
    codes |= {u.row.code for u in units if u.row is not None and u.row.code}
    demoted = set()
    for i, h in enumerate(heads):
        if h and h.form == "numbered" and any(c.startswith(h.code + ".") for c in codes):
            heads[i] = None
            demoted.add(i)
    return heads, demoted


def _is_section(unit: Unit, item_level: int | None) -> bool:
    if unit.kind == "row":
        return unit.row is not None and unit.row.kind == "section"
    if unit.kind != "para":
        return False
    if unit.level is not None and (item_level is None or unit.level < item_level):
        return True
    return is_section_heading(unit.text)


class _Segmenter:
    """One pass over the units (see the module docstring)."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.heads, self.demoted = _headings(units)
        self.item_level = _item_level(units, self.heads)
        self.preamble = Section(None, None)
        self.sections: list[Section] = []
        self.by_code: dict[str, Section] = {}
        self.current: Section | None = self.preamble
        self.out = Segmented([])
        self.want_title: Section | None = None

    def unassigned(self, kind: str, unit: Unit) -> None:
        self.out.unassigned.append(
            {"kind": kind, "text": unit.text, "span": [unit.start, unit.end]}
        )

    def open(self, code: str, title: str | None, unit: Unit) -> Section:
        section = self.by_code.get(code)
        if section is None:
            section = self.by_code[code] = Section(code, title)
            self.sections.append(section)
        else:
            section.repeated = True
            section.title = section.title or title
        section.take(unit)
        self.current = section
        return section

    def body(self, text: str, unit: Unit) -> None:
        section = self.current
        if section is None:
            self.unassigned("section_text", unit)
            return
        kept = body_paragraph(text, section)
        if kept:
            section.paragraphs.append(kept)
        section.take(unit)

    def title_from(self, unit: Unit) -> bool:
        """Use this paragraph as the title the last heading lacked, if it reads as a title."""
        section, self.want_title = self.want_title, None
        if section is None or unit.kind != "para" or section.title:
            return False
        text = unit.text
        m = LABEL_RE.match(text)
        if m and lower(m.group("label")).startswith("tədbir"):
            text = text[m.end() :]
        elif m:
            return False
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1]
        if not title_like(text):
            return False
        section.title = " ".join(text.split()).rstrip(":").strip()
        section.take(unit)
        return True

    def heading(self, h: Heading, unit: Unit) -> None:
        section = self.open(h.code, h.title, unit)
        if h.title is None and h.note is None and not section.title:
            self.want_title = section
        if h.rest.strip():
            kept = body_paragraph(h.rest.strip(), section)
            if kept:
                section.paragraphs.append(kept)

    def row(self, unit: Unit) -> None:
        row = unit.row
        assert row is not None  # a "row" unit carries its row (layout.Unit)
        if row.kind == "preamble":
            self.preamble.paragraphs.append(row.text)
            self.preamble.take(unit)
        elif row.kind == "item":
            assert row.code is not None  # an item row has its code (tables._item_row)
            section = self.open(row.code, row.title, unit)
            section.paragraphs += row.body
            section.fields.update(row.fields)
        elif self.current is not None and self.current is not self.preamble:
            self.current.paragraphs += row.body
            self.current.take(unit)
        else:
            self.unassigned("section_text", unit)

    def step(self, i: int, unit: Unit) -> bool:
        """Handle one unit; False when the rest of the document belongs to no sub-item."""
        if unit.kind == "para" and (unit.text in ANNEX_HEADINGS or _CLOSING_RE.match(unit.text)):
            return False
        if self.want_title is not None and self.title_from(unit):
            return True
        self.want_title = None
        if self.current is self.preamble and unit.level == 0:
            self.body(unit.text, unit)  # the document's title
        elif (head := self.heads[i]) is not None:
            self.heading(head, unit)
        elif i in self.demoted or _is_section(unit, self.item_level):
            self.unassigned("section_heading", unit)
            if self.current is not self.preamble:
                self.current = None
        elif unit.kind == "row":
            self.row(unit)
        elif unit.kind == "table":
            target = self.current or self.preamble
            target.tables.append(unit.rows or [])
            target.take(unit)
        else:
            self.body(unit.text, unit)
        return True

    def run(self) -> Segmented:
        for i, unit in enumerate(self.units):
            if not self.step(i, unit):
                kind = "annex" if unit.text in ANNEX_HEADINGS else "closing"
                for rest in self.units[i:]:
                    self.unassigned(kind, rest)
                break
        pre = [self.preamble] if self.preamble.paragraphs or self.preamble.tables else []
        self.out.sections = pre + self.sections
        return self.out


def segment(units: list[Unit]) -> Segmented:
    """Sections (the preamble first, when there is one) and the unassigned parts."""
    return _Segmenter(units).run()


def split_sections(text: str) -> list[Section]:
    """Sections of an already cleaned text (paragraphs separated by blank lines)."""
    units, pos = [], 0
    for para in text.split("\n\n"):
        units.append(Unit("para", para, start=pos, end=pos + len(para)))
        pos += len(para) + 2
    sections = segment([u for u in units if u.text.strip()]).sections
    return sections or [Section(None, None, [text.strip()])]
