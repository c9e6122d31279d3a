"""DOCX: the body in document order (paragraphs and tables interleaved), with heading levels.

A paragraph keeps its heading level (from its style's name, `Heading N`/`Başlıq N`, or an
outline level) and whether all its text is bold; a table keeps its cells, a merged cell's
text read once (in its first row and column). Footnotes and endnotes are read apart; their
references leave no mark in the body. Deleted revisions are not read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .blocks import Block, ReadDocument
from .errors import ExtractionError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME_RE = re.compile(r"^(?:heading|başlıq|заголовок|überschrift|titre)\s*(\d)$", re.I)
_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen")


def _on(el) -> bool:
    """A w:b-like toggle element: present and not switched off."""
    return el is not None and el.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _own_style(st) -> tuple[int | None, bool | None, str | None]:
    """(heading level, bold, basedOn) a style sets itself."""
    name_el = st.find(f"{W}name")
    name = (name_el.get(f"{W}val") if name_el is not None else "") or ""
    m = _HEADING_NAME_RE.match(name)
    level = int(m.group(1)) if m else (0 if name.lower() in ("title", "başlıq") else None)
    outline = st.find(f"{W}pPr/{W}outlineLvl")
    if level is None and outline is not None:
        level = int(outline.get(f"{W}val", "9")) + 1
    b = st.find(f"{W}rPr/{W}b")
    based = st.find(f"{W}basedOn")
    return (
        level,
        _on(b) if b is not None else None,
        based.get(f"{W}val") if based is not None else None,
    )


def _style_map(styles_root) -> dict[str, tuple[int | None, bool]]:
    """Paragraph style id -> (heading level, bold), following `basedOn`."""
    own = {st.get(f"{W}styleId"): _own_style(st) for st in styles_root.iter(f"{W}style")}
    out: dict[str, tuple[int | None, bool]] = {}
    for sid in own:
        level, bold, seen, cur = None, None, set(), sid
        while cur in own and cur not in seen:
            seen.add(cur)
            lv, b, based = own[cur]
            level = lv if level is None else level
            bold = b if bold is None else bold
            cur = based
        out[sid] = (level if level is not None and level < 9 else None, bool(bold))
    return out


def _text(el) -> str:
    """The visible text of a paragraph (or any element), deleted revisions left out."""
    parts = []
    for node in el.iter(*_TEXT_TAGS):
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append(" " if tag == f"{W}tab" else "\n")
    return "".join(parts)


def _is_bold(p, style_bold: bool) -> bool:
    runs = [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    if not runs:
        return False
    for r in runs:
        b = r.find(f"{W}rPr/{W}b")
        if not (_on(b) if b is not None else style_bold):
            return False
    return True


def _paragraph(p, styles: dict[str, tuple[int | None, bool]]) -> Block | None:
    text = _text(p).replace("\n", " ")
    if not text.strip():
        return None
    ppr = p.find(f"{W}pPr")
    sid = None
    level = None
    if ppr is not None:
        ps = ppr.find(f"{W}pStyle")
        sid = ps.get(f"{W}val") if ps is not None else None
        outline = ppr.find(f"{W}outlineLvl")
        if outline is not None and int(outline.get(f"{W}val", "9")) < 9:
            level = int(outline.get(f"{W}val")) + 1
    style_level, style_bold = styles.get(sid or "Normal", (None, False))
    return Block(
        "paragraph",
        text,
        level=level if level is not None else style_level,
        bold=_is_bold(p, style_bold),
    )


def _cell_text(tc) -> str:
    paras = [_text(p).replace("\n", " ").strip() for p in tc.iter(f"{W}p")]
    return "\n".join(p for p in paras if p)


def _table(tbl) -> Block:
    """Rows of cell texts; a merged cell's text once (first row, first column of the span)."""
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        row: list[str] = []
        for tc in tr.iterchildren(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val", "1")) if span_el is not None else 1
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"
            row.append("" if continued else _cell_text(tc))
            row.extend([""] * (span - 1))
        rows.append(row)
    return Block("table", rows=rows)


def _body_blocks(parent, styles, out: list[Block]) -> None:
    for el in parent.iterchildren():
        tag = el.tag
        if tag == f"{W}p":
            block = _paragraph(el, styles)
            if block is not None:
                out.append(block)
        elif tag == f"{W}tbl":
            out.append(_table(el))
        elif tag == f"{W}sdt":
            content = el.find(f"{W}sdtContent")
            if content is not None:
                _body_blocks(content, styles, out)


def _notes(zf: zipfile.ZipFile, name: str, tag: str) -> list[str]:
    from docx.oxml.parser import parse_xml  # python-docx's safe lxml parser

    if name not in zf.namelist():
        return []
    root = parse_xml(zf.read(name))
    notes = []
    for note in root.iter(f"{W}{tag}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(_text(p).strip() for p in note.iter(f"{W}p"))
        if text.strip():
            notes.append(" ".join(text.split()))
    return notes


def read_docx_document(p: Path, zf: zipfile.ZipFile) -> ReadDocument:
    """Read an opened, size-checked DOCX archive into blocks."""
    from docx.oxml.parser import parse_xml  # python-docx's safe lxml parser

    try:
        root = parse_xml(zf.read("word/document.xml"))
        styles_root = (
            parse_xml(zf.read("word/styles.xml")) if "word/styles.xml" in zf.namelist() else None
        )
    except Exception as exc:  # lxml raises several kinds on broken XML
        raise ExtractionError(f"{p}: corrupt DOCX ({type(exc).__name__})") from None
    body = root.find(f"{W}body")
    if body is None:
        raise ExtractionError(f"{p}: corrupt DOCX (no document body)")
    styles = _style_map(styles_root) if styles_root is not None else {}
    blocks: list[Block] = []
    _body_blocks(body, styles, blocks)
    notes = _notes(zf, "word/footnotes.xml", "footnote") + _notes(
        zf, "word/endnotes.xml", "endnote"
    )
    return ReadDocument("docx", blocks=blocks, footnotes=notes)
