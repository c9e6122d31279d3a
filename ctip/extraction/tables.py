"""The generic table logic: is a table a list of sub-items, and if so, what is each row.

Agencies often report as a table whose rows are sub-items (DOCX, XLSX, PDF alike). Its
columns are recognised by their header text, in any order: the code (`Bənd`, `S/s`, `№`,
`Yarımbənd`), the title (`Tədbirin adı`, `Tədbir`), the report (`İcra vəziyyəti`, `Görülmüş
işlər`, `İcra barədə məlumat`) and side columns kept as fields (`İcraçı`, `İcra müddəti`,
`Gözlənilən nəticə`). Rows are then read one by one:

* a row before the header (a merged title row) is the document's preamble;
* the header repeated (on every page) and a row of column numbers (`1 | 2 | 3 | 4`) are skipped;
* a row with one filled cell (a merged row such as `5.2. Uşaqların müdafiəsi`) is a section
  heading;
* a row with a sub-item code is a sub-item: code, title and body (the report column's
  paragraphs);
* a row without a code after a sub-item continues it (a cell broken across pages).

A table without such a header, or without one coded row, is a statistics table: kept as a
table, never read as sub-items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctip.azlang import search_key

from .headings import title_like

# Header words by role, as search keys (case, diacritics folded). A header cell takes the
# role of the first phrase it starts with.
_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("code", ("s/s", "s/n", "№", "no", "n", "sira", "bend", "yarimbend", "kod", "nomre")),
    (
        "body",
        (
            "icra veziyyeti",
            "icra veziyyet",
            "gorulmus is",
            "gorulen is",
            "icrasi barede",
            "icra barede",
            "icrasi haqqinda",
            "icra haqqinda",
            "icrasi",
            "melumat",
            "hesabat",
        ),
    ),
    ("executors", ("icraci", "mesul", "icra eden")),
    ("deadline", ("icra muddeti", "muddet", "icra tarixi", "tarix")),
    ("result", ("gozlenilen netice", "netice", "qeyd")),
    (
        "title",
        (
            "tedbirin adi",
            "tedbirin mezmunu",
            "tedbir",
            "yarimbendin adi",
            "bendin adi",
            "adi",
            "mezmun",
        ),
    ),
)
_BEND_WORD = r"(?:[Yy]arımbənd|YARIMBƏND|[Bb]ənd|BƏND)"
_CODE_CELL_RE = re.compile(
    rf"^(?:(?:№|{_BEND_WORD})\s*)?(\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})\.?(?:-?\s*[cC][ıiuü])?\.?"
    rf"(?:\s+{_BEND_WORD}[^\W\d_]*)?$"
)
_LEADING_CODE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$", re.S)
_WS_RE = re.compile(r"\s+")


@dataclass(slots=True)
class TableRow:
    """One row of a sub-item table, read.

    kind: "preamble", "section", "item" or "continuation".
    """

    kind: str
    code: str | None = None
    title: str | None = None
    body: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    text: str = ""


def _one_line(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


# Longest phrase first, so `bəndin adı` (title) wins over `bənd` (code).
_PHRASES = sorted(
    ((phrase, role) for role, phrases in _ROLES for phrase in phrases), key=lambda p: -len(p[0])
)


def _starts_with_phrase(key: str) -> str | None:
    for phrase, role in _PHRASES:
        if (
            key == phrase
            or key.startswith(phrase + " ")
            or (len(phrase) > 3 and key.startswith(phrase))
        ):
            return role
    return None


def cell_role(text: str) -> str | None:
    """The role of a header cell from its words, or None.

    The leading phrase decides (`Tədbirin adı`, `Bəndin nömrəsi`); failing that, the last word,
    the head of an izafet phrase (`Planın bəndi` is a code column, `Fəaliyyət planının
    tədbiri` a title column).
    """
    key = search_key(_one_line(text)).rstrip(".:")
    if not key or len(key) > 60:
        return None
    role = _starts_with_phrase(key)
    if role is None and " " in key:
        head = key.rsplit(" ", 1)[1]
        role = _starts_with_phrase(head) if len(head) > 3 else None
    return role


def header_roles(row: list[str]) -> dict[int, str]:
    """Column index -> role for a header row (only recognised cells).

    Each role once, except the code: a row-number column (`№`, `S/s`) often stands beside the
    sub-item code's (`Bəndin nömrəsi`), and which one holds codes shows only in the rows.
    """
    roles: dict[int, str] = {}
    for i, cell in enumerate(row):
        role = cell_role(cell) if cell.strip() else None
        if role and (role == "code" or role not in roles.values()):
            roles[i] = role
    return roles


def find_header(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """The first row (among the first eight) that names a code or title column and one more;
    a header written over two rows (`İcra` above `müddəti | vəziyyəti`) is read as one, and
    then ends at its second row."""
    for i, row in enumerate(rows[:8]):
        at, roles = i, header_roles(row)
        if i + 1 < len(rows) and not _has_code(rows[i + 1]):
            two = header_roles(_two_row_header(row, rows[i + 1]))
            if len(set(two.values())) > len(set(roles.values())):
                at, roles = i + 1, two
        found = set(roles.values())
        if len(found) >= 2 and found & {"code", "title"} and found & {"title", "body"}:
            return at, roles
    return None


def _two_row_header(top: list[str], bottom: list[str]) -> list[str]:
    """Cell-wise `top bottom`; a top cell merged across columns carries over the empty ones."""
    out, carry = [], ""
    for j, low in enumerate(bottom):
        high = top[j].strip() if j < len(top) else ""
        if high:
            carry = high
        elif low.strip():
            high = carry
        out.append(f"{high} {low.strip()}".strip())
    return out


def _has_code(row: list[str]) -> bool:
    return any((c := code_of(cell)) is not None and "." in c for cell in row)


def _header_part(row: list[str], roles: dict[int, str]) -> bool:
    """A row of header words only (one row of a two-row header repeated on a new page)."""
    own = header_roles(row)
    if not own or any(roles.get(i) != r for i, r in own.items()) or _has_code(row):
        return False
    return all(len(c) <= 40 for c in row)


def code_of(cell: str) -> str | None:
    """`5.1.2.` / `5.1.2` / `№ 5.1.2` / `4.2.10-cu` / `4.4.1-ci bənd` / `Bənd 4.4.1` -> the
    dotted code, else None."""
    m = _CODE_CELL_RE.match(_one_line(cell))
    return m.group(1) if m else None


def _filled(row: list[str]) -> list[int]:
    return [i for i, c in enumerate(row) if c.strip()]


def _is_numbering(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return len(cells) >= 2 and all(c.isdigit() and int(c) <= 30 for c in cells)


def _role_col(roles: dict[int, str], role: str) -> int | None:
    return next((i for i, r in roles.items() if r == role), None)


def _row_code(row: list[str], roles: dict[int, str]) -> tuple[str | None, str | None]:
    """(code, title) of a row: the code column, or a title cell that starts with a code."""
    title_col = _role_col(roles, "title")
    title = row[title_col] if title_col is not None and title_col < len(row) else None
    code = None
    for col in (i for i, r in roles.items() if r == "code" and i < len(row)):
        code = code_of(row[col])
        if code is not None and "." in code:
            break
        code = None  # a row number (`1`, `2.`), not a sub-item code
    if code is None and title:
        m = _LEADING_CODE_RE.match(title.strip())
        if m:
            code, title = m.group(1), m.group(2)
    return code, (_one_line(title) if title else None)


def _paragraphs(cell: str) -> list[str]:
    return [_one_line(p) for p in cell.split("\n") if p.strip()]


def _item_row(row: list[str], roles: dict[int, str], code: str, title: str | None) -> TableRow:
    item = TableRow("item", code=code, title=title or None)
    for i, role in roles.items():
        if i >= len(row) or role in ("code", "title"):
            continue
        if role == "body":
            item.body += _paragraphs(row[i])
        elif row[i].strip():
            item.fields[role] = _one_line(row[i])
    return item


def _merged_text(row: list[str]) -> str | None:
    filled = _filled(row)
    if len(filled) == 1 or (filled and len({row[i].strip() for i in filled}) == 1):
        return _one_line(row[filled[0]])
    return None


def _section_text(text: str, item_depth: int) -> bool:
    """A merged row's text names a section: a shorter code, or a title without one (a row
    whose one filled cell is a sentence continues the sub-item above instead)."""
    m = _LEADING_CODE_RE.match(text)
    if m:
        return m.group(1).count(".") + 1 < item_depth
    return len(text) <= 200 and title_like(text)


def read_item_table(rows: list[list[str]]) -> list[TableRow] | None:
    """The rows of a sub-item table, read; None for any other table (statistics)."""
    header = find_header(rows)
    if header is None:
        return None
    at, roles = header
    out = [TableRow("preamble", text=t) for t in (_merged_text(r) for r in rows[:at]) if t]
    depth_rows = [_row_code(r, roles)[0] for r in rows[at + 1 :]]
    depths = [c.count(".") + 1 for c in depth_rows if c and "." in c]
    if not depths:
        return None
    item_depth = max(depths)
    for row in rows[at + 1 :]:
        event = _read_row(row, roles, header_row=rows[at], item_depth=item_depth)
        if event is None:
            continue
        if event.kind == "continuation" and not any(r.kind == "item" for r in out):
            event = TableRow("preamble", text=" ".join(event.body))
        out.append(event)
    return out


def _read_row(
    row: list[str], roles: dict[int, str], *, header_row: list[str], item_depth: int
) -> TableRow | None:
    if not _filled(row) or _is_numbering(row) or _header_part(row, roles):
        return None
    if [_one_line(c) for c in row] == [_one_line(c) for c in header_row]:
        return None
    code, title = _row_code(row, roles)
    merged = _merged_text(row)
    if merged is not None and _section_text(merged, item_depth):
        return TableRow("section", text=merged)
    if code is not None and code.count(".") + 1 >= min(item_depth, 2):
        return _item_row(row, roles, code, title)
    cont = _item_row(row, roles, "", title)
    cont.kind, cont.code = "continuation", None
    if title and not cont.body:
        cont.body = [title]
    return cont
