"""Faster copies of WeasyPrint's hot spots, with byte-identical PDF output (issue 13).

`apply()` (called by pdf_html.py before every render) swaps WeasyPrint's own functions for the
ones below only when the installed WeasyPrint is the version they were copied from
(`WEASYPRINT_VERSION`, the lock files' pin); with any other version WeasyPrint runs stock and a
warning is logged once. tests/reports/test_pdf_speed.py renders a report with and without them
and compares the bytes. Upgrading WeasyPrint: re-derive each function from the new upstream
code and bump `WEASYPRINT_VERSION`, or delete this module and its call in pdf_html.py.

What is replaced, and why (agency PDF, 20 pages):
- `weasyprint.draw.text.draw_first_line`: writing each glyph of a line into the page's TJ
  operator read every glyph's fields through cffi, one attribute access each, and recomputed
  the same operand for the same glyph thousands of times (~18 % of the render). Here a run's
  glyph array is unpacked in one call, and a glyph's operand, once computed the upstream way,
  is reused for the same glyph, width and offsets in the same font and size.
- `weasyprint.layout.page.make_margin_boxes`: every page built all 16 margin boxes and
  resolved their percentages, then dropped the sides without content (15 of a report's 16:
  ~5 % of the render); here a side's boxes are built only when one of them has content.
- `weasyprint.text.line_break.get_font_description`: a new Pango font description for each of
  the ~4 layouts of every line of text (~2 %); here one per distinct font.
- `create_layout` as `weasyprint.layout.inline` uses it (only in `add_word_spacing`, for each
  justified line): a Pango layout set up and deactivated at once, never laid out, to carry the
  text and its word spacing to the drawing (~2 %); here the deactivated state, set directly.
- `strut` as `weasyprint.layout.inline` uses it (line heights of line and inline boxes): its
  cache key, the text of 16 style values, was rebuilt at every call (~3 %); here once per style.
- `weasyprint.text.line_break.split_first_line` (bound by name in line_break, layout.inline and
  layout.preferred): for each line, after the draft layout, upstream lays out the first line
  with the next word ("step 3") to see whether the word fits after all; with this Pango it never
  does (Pango gives the wrapped line's final space no width), and the layout cost ~80 µs, ~700
  times per agency PDF. Here it is skipped when the draft's own glyphs show the line and the
  word overflow by a margin (88 % of the tries; ~6 % of the render, paired runs); text that may
  hyphenate or break inside words goes to upstream's.
"""

from __future__ import annotations

import bisect
import copy
import logging
import struct
from io import BytesIO
from math import inf
from xml.etree import ElementTree

import weasyprint
from PIL import Image
from weasyprint import layout
from weasyprint.draw import text as draw_text
from weasyprint.formatting_structure import boxes, build
from weasyprint.images import RasterImage, SVGImage
from weasyprint.layout import inline, preferred
from weasyprint.layout import page as page_layout
from weasyprint.logger import LOGGER
from weasyprint.text import line_break
from weasyprint.text.ffi import FROM_UNITS, ffi, pango
from weasyprint.text.fonts import get_hb_object_data

logger = logging.getLogger(__name__)

WEASYPRINT_VERSION = "70.0"

# PangoGlyphInfo: glyph (guint32), geometry (width, x_offset, y_offset: gint32), attr (guint
# bit field, not read by the drawing).
GLYPH_INFO = struct.Struct("=Iiii4x")

_state = {"applied": False, "warned": False}
# WeasyPrint's own functions, kept to put back (remove) and for the cases left to them.
_stock: dict = {}


def apply() -> bool:
    """Install the faster functions if WeasyPrint is the version they mirror; True if in use."""
    if _state["applied"]:
        return True
    if weasyprint.__version__ != WEASYPRINT_VERSION or (
        ffi.sizeof("PangoGlyphInfo") != GLYPH_INFO.size
    ):
        if not _state["warned"]:
            _state["warned"] = True
            logger.warning(
                "WeasyPrint %s is not %s: its stock (slower) layout and drawing are used; re-derive or "
                "remove ctip/reports/pdf_speed.py",
                weasyprint.__version__,
                WEASYPRINT_VERSION,
            )
        return False
    for module, name, faster in _replaced():
        _stock.setdefault((module, name), getattr(module, name))
        setattr(module, name, faster)
    _state["applied"] = True
    return True


def remove() -> None:
    """Put WeasyPrint's own functions back (for tests comparing both)."""
    if _state["applied"]:
        for module, name, _faster in _replaced():
            setattr(module, name, _stock[module, name])
        _state["applied"] = False


def _replaced():
    """(module, name, replacement) for every function replaced; layout imported
    make_margin_boxes by name, and inline and preferred split_first_line, so they are replaced
    there too (svg.text and preferred's min-content code import it when called, from
    line_break and inline)."""
    return (
        (draw_text, "draw_first_line", draw_first_line),
        (page_layout, "make_margin_boxes", make_margin_boxes),
        (layout, "make_margin_boxes", make_margin_boxes),
        (line_break, "get_font_description", get_font_description),
        (inline, "create_layout", create_layout),
        (inline, "strut", strut),
        (line_break, "split_first_line", split_first_line),
        (inline, "split_first_line", split_first_line),
        (preferred, "split_first_line", split_first_line),
    )


class _Line:
    """What draw_first_line carries from glyph to glyph and run to run (upstream's locals).

    `advances` holds each glyph's advance in order; upstream's running `x_advance` (read only
    for colour glyphs) is their sum, added one by one as upstream does (`_x_advance`)."""

    __slots__ = ("stream", "textbox", "string", "emojis", "pango_font", "font", "font_size")
    __slots__ += ("glyphs", "runs", "glyph_item", "utf8_text", "advances", "x_advance", "folded")

    def __init__(self, stream, textbox):
        self.stream, self.textbox = stream, textbox
        self.string, self.emojis, self.advances = "", [], []
        self.x_advance, self.folded = 0, 0
        self.pango_font = self.font = self.font_size = self.glyphs = self.runs = None


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    """Mirrors `weasyprint.draw.text.draw_first_line` of WeasyPrint 70.0, same output.

    Ellipsis lines go to the stock function (reports have none); the glyph loop reads each run
    in bulk and reuses operands (see `_draw_run`)."""
    if text_overflow == "ellipsis" or block_ellipsis != "none":
        return _stock[draw_text, "draw_first_line"](
            stream, textbox, text_overflow, block_ellipsis, matrix
        )
    # Don't draw lines with only invisible characters.
    if not textbox.text.strip():
        return []
    if textbox.style["font_size"] < 1e-6:  # default float precision used by pydyf
        return []
    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
    first_line, _index = textbox.pango_layout.get_first_line()
    stream.set_text_matrix(*matrix.values)
    line = _Line(stream, textbox)
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        _draw_run(line, glyph_item)
    stream.show_text(line.string)
    return line.emojis


def _set_font(line, pango_font):
    """Upstream's font switch between runs: add the font, flush the text, set Tf."""
    line.pango_font = pango_font
    font, font_size = line.stream.add_font(pango_font)
    # Workaround for https://gitlab.gnome.org/GNOME/pango/-/issues/530.
    # This is also needed by raster emoji fonts, see #2800.
    if pango.pango_version() < 14802 or font.png:
        font_size = line.textbox.style["font_size"]
    if line.string:
        line.stream.show_text(line.string)
    line.string = ""
    line.stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
    line.font, line.font_size = font, font_size
    line.glyphs, line.runs = _operand_caches(font, font_size)


def _operand_caches(font, font_size):
    """Two caches for `font` at `font_size` (kept on the font, which lives as long as its
    document): glyph record -> (operand, advance), and a run's raw glyph array -> (its text in
    the TJ string, advances). (None, None) for colour fonts, whose glyphs also add images."""
    if font.svg or font.png or font.colr:
        return None, None
    caches = font.__dict__.setdefault("_ctip_operands", {})
    return caches.setdefault(font_size, ({}, {}))


def _draw_run(line, glyph_item):
    """One Pango run's glyphs into the TJ string: a run seen before in this font and size
    reuses its text, else each glyph is read from one unpacked copy of Pango's array."""
    glyph_string = glyph_item.glyphs
    pango_font = glyph_item.item.analysis.font
    if pango_font != line.pango_font:
        _set_font(line, pango_font)
    raw = ffi.buffer(glyph_string.glyphs, glyph_string.num_glyphs * GLYPH_INFO.size)[:]
    if line.runs is not None and (hit := line.runs.get(raw)) is not None:
        line.string += hit[0]
        line.advances += hit[1]
        return
    line.glyph_item, line.utf8_text = glyph_item, None
    start, first = len(line.string), len(line.advances)
    if _draw_glyphs(line, raw):
        line.runs[raw] = (line.string[start:], tuple(line.advances[first:]))


def _draw_glyphs(line, raw):
    """The run's glyphs as upstream writes them, each computed once per record in this font
    and size; True if the run's text may be reused."""
    line.string += "<"
    glyphs, reusable = line.glyphs, line.glyphs is not None
    for i, record in enumerate(GLYPH_INFO.iter_unpack(raw)):
        hit = glyphs.get(record) if glyphs is not None else None
        if hit is not None:
            line.string += hit[0]
            line.advances.append(hit[1])
            continue
        start = len(line.string)
        ok, advance = _draw_glyph(line, i, *record)
        if advance is not None:
            line.advances.append(advance)
        if ok and glyphs is not None:
            glyphs[record] = (line.string[start:], advance)
        reusable = reusable and ok
    # Close the last glyphs list, remove if empty.
    if line.string[-1] == "<":
        line.string = line.string[:-1]
    else:
        line.string += ">"
    return reusable


def _draw_glyph(line, i, glyph_id, width, x_offset, y_offset):
    """The body of upstream's glyph loop for one glyph: (whether what it appended to
    line.string may be reused for the same record, its advance or None)."""
    font, font_size = line.font, line.font_size
    # Display zero-width empty glyph.
    if glyph_id == pango.PANGO_GLYPH_EMPTY:
        line.string += f">{-width / font_size}<"
        return False, None
    reusable = not font.svg and not font.png and not font.colr
    if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
        glyph_id = _unknown_glyph(font, font_size, glyph_id, width)
        reusable = False
    if glyph_id not in font.to_unicode:
        _map_to_unicode(line, i, glyph_id)
    # Set horizontal and vertical offsets.
    offset = x_offset / font_size
    rise = y_offset / 1000
    if rise:
        _draw_risen_glyph(line, glyph_id, offset, rise)
        reusable = False
    else:
        if offset:
            line.string += f">{-offset}<"
        line.string += f"{glyph_id:02x}" if font.bitmap else f"{glyph_id:04x}"
    logical_width = _logical_width(line, glyph_id)
    # Set kerning, word spacing, letter spacing.
    kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
    if kerning:
        line.string += f">{int(kerning)}<"
    if not reusable:
        _add_emoji(line, glyph_id, logical_width, kerning)
    return reusable, (logical_width + offset - kerning) / 1000


def _x_advance(line):
    """Upstream's running x_advance: the advances so far, added in order."""
    x_advance = line.x_advance
    for advance in line.advances[line.folded :]:
        x_advance += advance
    line.x_advance, line.folded = x_advance, len(line.advances)
    return x_advance


def _unknown_glyph(font, font_size, glyph_id, width):
    """Display .notdef and log warning for missing glyphs (upstream, unchanged)."""

    codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
    LOGGER.warning(
        '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)',
        chr(codepoint),
        codepoint,
    )
    glyph_id = font.get_unused_glyph_id(codepoint)
    font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
    if 0 not in font.widths:
        # "width" is actually Pango's get_approximate_char_width. Force .notdef's to use this
        # width, even if it's not the right, as we want to keep Pango's layout for next glyphs.
        font.widths[0] = font.widths[glyph_id]
    return glyph_id


def _map_to_unicode(line, i, glyph_id):
    """Create mapping between glyphs and Unicode codepoints (upstream, unchanged)."""
    glyph_item = line.glyph_item
    clusters, num_glyphs = glyph_item.glyphs.log_clusters, glyph_item.glyphs.num_glyphs
    # Get positions of the glyph in the UTF-8 string.
    offset = glyph_item.item.offset
    t1 = clusters[i]
    if glyph_item.item.analysis.level % 2:  # rtl
        t2 = glyph_item.item.length if i == 0 else clusters[i - 1]
    else:
        t2 = glyph_item.item.length if i == num_glyphs - 1 else clusters[i + 1]
    line.utf8_text = line.utf8_text or line.textbox.pango_layout.text.encode()
    line.font.to_unicode[glyph_id] = line.utf8_text[offset + t1 : offset + t2].decode()


def _draw_risen_glyph(line, glyph_id, offset, rise):
    """A glyph with a vertical offset, in its own TJ with a text rise (upstream, unchanged)."""
    stream = line.stream
    string = line.string
    if string[-1] == "<":
        string = string[:-1]
    else:
        string += ">"
    if string:
        stream.show_text(string)
    stream.set_text_rise(-rise)
    string = ""
    if offset:
        string = f"{-offset}"
    string += f"<{glyph_id:02x}>" if line.font.bitmap else f"<{glyph_id:04x}>"
    stream.show_text(string)
    stream.set_text_rise(0)
    line.string = "<"


def _logical_width(line, glyph_id):
    """Get glyph logical widths (upstream, unchanged)."""

    font, stream = line.font, line.stream
    if glyph_id in font.widths:
        return font.widths[glyph_id]
    pango.pango_font_get_glyph_extents(
        line.pango_font, glyph_id, stream.ink_rect, stream.logical_rect
    )
    font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / line.font_size)
    return font.widths[glyph_id]


def _add_emoji(line, glyph_id, logical_width, kerning):
    """Create list of emojis: a colour glyph's image (upstream, unchanged)."""
    if not (line.font.svg or line.font.png or line.font.colr):
        return
    if line.font.svg:
        _add_svg_emoji(line, glyph_id)
    elif line.font.png:
        _add_png_emoji(line, glyph_id, logical_width)
    elif line.font.colr:
        svg_data = get_hb_object_data(line.font.hb_font, "colr", glyph_id)
        if svg_data:
            tree = ElementTree.fromstring(svg_data)
            image = SVGImage(tree, None, None, None)
            a = d = 1
            e = _x_advance(line) - kerning
            line.emojis.append([image, line.font, a, d, e, -line.textbox.baseline])


def _add_svg_emoji(line, glyph_id):

    font = line.font
    svg_data = get_hb_object_data(font.hb_face, "svg", glyph_id)
    if svg_data:
        # Do as explained in specification
        # https://learn.microsoft.com/typography/opentype/spec/svg
        tree = ElementTree.fromstring(svg_data)
        if tree.get("id") != f"glyph{glyph_id}":
            defs = ElementTree.Element("defs")
            for child in list(tree):
                defs.append(child)
                tree.remove(child)
            tree.append(defs)
            ElementTree.SubElement(tree, "use", attrib={"href": f"#glyph{glyph_id}"})
        if "viewBox" not in tree.attrib:
            tree.attrib["viewBox"] = f"0 0 {font.upem} {font.upem}"
        image = SVGImage(tree, None, None, None)
        a = d = 1
        line.emojis.append([image, font, a, d, _x_advance(line), 0])


def _add_png_emoji(line, glyph_id, logical_width):

    font, stream, font_size = line.font, line.stream, line.font_size
    png_data = get_hb_object_data(font.hb_font, "png", glyph_id)
    if png_data:
        pillow_image = Image.open(BytesIO(png_data))
        image_id = f"{font.hash}{glyph_id}"
        image = RasterImage(pillow_image, image_id, png_data)
        d = logical_width / 1000
        a = pillow_image.width / pillow_image.height * d
        pango.pango_font_get_glyph_extents(
            line.pango_font, glyph_id, stream.ink_rect, stream.logical_rect
        )
        f = -stream.logical_rect.y
        f = f * FROM_UNITS / font_size - font_size
        line.emojis.append([image, font, a, d, _x_advance(line), f])


def _is_generated(style):
    """Whether a margin box with this style is generated (upstream's test, in make_box)."""
    # TODO (upstream): should be the computed value.
    return style["content"] not in ("normal", "inhibit", "none")


def _margin_style(context, page, at_keyword):
    """A margin box's style with page-based counters standardized: upstream make_box's start."""
    style = context.style_for(page.page_type, at_keyword)
    if style is None:
        # doesn't affect counters
        style = page.style.anonymous_style
    page_layout._standardize_page_based_counters(style, at_keyword)
    return style


def _make_margin_box(context, page, state, at_keyword, style, containing_block):
    """The rest of upstream's make_box: the box, its content if generated, percentages."""
    box = boxes.MarginBox(at_keyword, style)
    # Empty boxes should not be generated, but they may be needed for the layout of their
    # neighbors.
    box.is_generated = _is_generated(style)
    # TODO (upstream): get actual counter values at the time of the last page break
    if box.is_generated:
        # @margins mustn't manipulate page-context counters
        margin_state = copy.deepcopy(state)
        quote_depth, counter_values, counter_scopes, _page_groups = margin_state
        # TODO (upstream): check this, probably useless
        counter_scopes.append(set())
        build.update_counters(margin_state, box.style)
        box.children = build.content_to_boxes(
            box.style,
            box,
            quote_depth,
            counter_values,
            context.get_image_from_uri,
            context.target_collector,
            context.counter_style,
            context,
            page,
        )
        box.process_whitespace()
        box.process_text_transform()
        box = build.create_anonymous_boxes(box)
    page_layout.resolve_percentages(box, containing_block)
    if not box.is_generated:
        box.width = box.height = 0
        for side in ("top", "right", "bottom", "left"):
            box._reset_spacing(side)
    return box


def make_margin_boxes(context, page, state):
    """Mirrors `weasyprint.layout.page.make_margin_boxes` of WeasyPrint 70.0, same boxes.

    Upstream builds all 16 margin boxes of every page, content and percentages resolved, then
    drops each side (and corner) where none is generated; a report's pages generate one (the
    footer). Here a side's boxes are built only if one of its styles generates a box; every
    box's style is still fetched and standardized, side by side in upstream's order."""
    generated_boxes = []
    for side in _margin_sides(page):
        generated_boxes += _side_boxes(context, page, state, *side)
    generated_boxes += _corner_boxes(context, page, state)
    for box in generated_boxes:
        yield page_layout.margin_box_content_layout(context, page, box)


def _margin_sides(page):
    """Upstream's four sides: prefix, vertical, containing block, position."""
    margin_top, margin_bottom = page.margin_top, page.margin_bottom
    margin_left, margin_right = page.margin_left, page.margin_right
    max_box_width, max_box_height = page.border_width(), page.border_height()
    # bottom right corner of the border box
    page_end_x = margin_left + max_box_width
    page_end_y = margin_top + max_box_height
    # Margin box dimensions, described in
    # https://drafts.csswg.org/css-page-3/#margin-box-dimensions
    return (
        ("top", False, (max_box_width, margin_top), margin_left, 0),
        ("bottom", False, (max_box_width, margin_bottom), margin_left, page_end_y),
        ("left", True, (margin_left, max_box_height), 0, margin_top),
        ("right", True, (margin_right, max_box_height), page_end_x, margin_top),
    )


def _side_boxes(context, page, state, prefix, vertical, containing_block, x, y):
    """One side's generated boxes, sized and placed (upstream's loop body over sides)."""
    if vertical:
        suffixes = ["top", "middle", "bottom"]
        fixed_outer, variable_outer = containing_block
    else:
        suffixes = ["left", "center", "right"]
        variable_outer, fixed_outer = containing_block
    keywords = [f"@{prefix}-{suffix}" for suffix in suffixes]
    styles = [_margin_style(context, page, keyword) for keyword in keywords]
    if not any(_is_generated(style) for style in styles):
        return []
    side_boxes = [
        _make_margin_box(context, page, state, keyword, style, containing_block)
        for keyword, style in zip(keywords, styles, strict=True)
    ]
    # We need the three boxes together for the variable dimension:
    page_layout.compute_variable_dimension(context, side_boxes, vertical, variable_outer)
    generated = []
    for box, offset in zip(side_boxes, [0, 0.5, 1], strict=True):
        if not box.is_generated:
            continue
        box.position_x, box.position_y = x, y
        if vertical:
            box.position_y += offset * (variable_outer - box.margin_height())
        else:
            box.position_x += offset * (variable_outer - box.margin_width())
        page_layout.compute_fixed_dimension(
            context, box, fixed_outer, not vertical, prefix in ("top", "left")
        )
        generated.append(box)
    return generated


def _corner_boxes(context, page, state):
    """The four corners' generated boxes, sized and placed (upstream's corner loop)."""
    margin_top, margin_bottom = page.margin_top, page.margin_bottom
    margin_left, margin_right = page.margin_left, page.margin_right
    page_end_x = margin_left + page.border_width()
    page_end_y = margin_top + page.border_height()
    generated = []
    for at_keyword, cb_width, cb_height, position_x, position_y in (
        ("@top-left-corner", margin_left, margin_top, 0, 0),
        ("@top-right-corner", margin_right, margin_top, page_end_x, 0),
        ("@bottom-left-corner", margin_left, margin_bottom, 0, page_end_y),
        ("@bottom-right-corner", margin_right, margin_bottom, page_end_x, page_end_y),
    ):
        style = _margin_style(context, page, at_keyword)
        if not _is_generated(style):
            continue
        box = _make_margin_box(context, page, state, at_keyword, style, (cb_width, cb_height))
        box.position_x = position_x
        box.position_y = position_y
        page_layout.compute_fixed_dimension(context, box, cb_height, True, "top" in at_keyword)
        page_layout.compute_fixed_dimension(context, box, cb_width, False, "left" in at_keyword)
        generated.append(box)
    return generated


_descriptions: dict = {}


def get_font_description(style):
    """Mirrors `weasyprint.text.fonts.get_font_description` of WeasyPrint 70.0 as Pango text
    layouts use it: the same description, made once per distinct font instead of once per
    layout (four per line of text); Pango copies it into each layout and never changes it."""
    key = (
        tuple(style["font_family"]),
        style["font_style"],
        style["font_stretch"],
        style["font_weight"],
        style["font_size"],
        style["font_variant_caps"],
        style["font_variation_settings"],
    )
    description = _descriptions.get(key)
    if description is None:
        if len(_descriptions) >= 1000:  # a long-lived worker: keep it bounded
            _descriptions.clear()
        description = _descriptions[key] = _stock[line_break, "get_font_description"](style)
    return description


class _DeactivatedLayout(line_break.Layout):
    """A `Layout` as upstream's create_layout(…, max_width=None) leaves it once deactivated: the
    attributes that outlive `deactivate()`, none of the Pango objects. The drawing reactivates
    it (`reactivate`: setup and set_text, as for any layout) and deactivates it after."""

    def __init__(self, text, justification_spacing):
        self.justification_spacing = justification_spacing
        self.first_line_direction = 0
        # set by setup() when there is no text decoration
        self.ascent = self.underline_position = self.strikethrough_position = None
        self.max_width = None
        # set_text() keeps the first line and one character
        index = text.find("\n")
        self.text = text if index == -1 else text[: index + 2]

    def deactivate(self):
        if hasattr(self, "layout"):
            super().deactivate()


def create_layout(text, style, context, max_width, justification_spacing):
    """Mirrors `weasyprint.text.line_break.create_layout` of WeasyPrint 70.0 for its one caller
    in weasyprint.layout.inline, `add_word_spacing`, which deactivates the layout at once: when
    set_text() would keep the text as it is (no word spacing) and setup() measures no text
    decoration, the deactivated layout is made without Pango; else upstream's."""
    if max_width is None and style["word_spacing"] == 0 and style["text_decoration_line"] == "none":
        return _DeactivatedLayout(text, justification_spacing)
    return _stock[inline, "create_layout"](text, style, context, max_width, justification_spacing)


def strut(style):
    """Mirrors `weasyprint.text.line_break.strut` of WeasyPrint 70.0 for the inline layout: the
    same cache (`font_config.strut_layouts`) under the same key, the key made once per style
    object instead of at every call. A laid-out box's style no longer changes; the style
    computation itself (css/units.py) keeps calling upstream's strut."""
    if style["font_size"] == 0:
        return 0, 0
    key = style.__dict__.get("_ctip_strut_key")
    if key is None:
        key = line_break._font_style_cache_key(style, include_size=True)
        style.__dict__["_ctip_strut_key"] = key
    result = style.font_config.strut_layouts.get(key)
    if result is None:
        result = line_break.strut(style)
    return result


def split_first_line(
    text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False
):
    """Mirrors `weasyprint.text.line_break.split_first_line` of WeasyPrint 70.0, same result,
    for text that breaks only between words (no hyphenation, no breaking inside words: steps 4
    and 5 of upstream then change nothing); other text goes to upstream's.

    Step 3 lays out the first line with the next word to see whether the word fits after all;
    here that layout is skipped when the draft layout already shows it cannot (`_overflows`)."""
    if not _breaks_only_between_words(text, style):
        return _stock[line_break, "split_first_line"](
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
    # See https://www.w3.org/TR/css-text-3/#white-space-property
    text_wrap = style["white_space"] in ("normal", "pre-wrap", "pre-line")
    space_collapse = style["white_space"] in ("normal", "nowrap", "pre-line")
    original_max_width = max_width
    if not text_wrap:
        max_width = None
    text, short_text, layout, first_line, resume_index = _draft_layout(
        text, style, context, max_width, original_max_width, justification_spacing
    )
    if max_width is not None:
        first_line, resume_index = _fit_next_word(
            text, short_text, style, layout, first_line, resume_index, max_width, space_collapse
        )
    return line_break.first_line_metrics(
        first_line, text, layout, resume_index, space_collapse, style
    )


def _breaks_only_between_words(text, style):
    """Whether upstream's steps 4 (hyphenation) and 5 (breaking a word) leave the line as it is:
    no automatic hyphenation, no soft hyphen that manual hyphenation would use, and no rule
    letting a word break."""
    hyphens = style["hyphens"]
    return (
        (hyphens == "none" or (hyphens == "manual" and "\xad" not in text))
        and style["word_break"] != "break-all"
        and style["overflow_wrap"] == "normal"
    )


def _draft_layout(text, style, context, max_width, original_max_width, justification_spacing):
    """Upstream's step 1, unchanged: a draft layout of the first line (and a little more);
    (text, short_text, layout, first_line, resume_index), text possibly cut to short_text."""
    short_text = text
    if max_width is None or max_width == inf or not style["font_size"]:
        layout = line_break.create_layout(
            text, style, context, original_max_width, justification_spacing
        )
        first_line, resume_index = layout.get_first_line()
        return text, short_text, layout, first_line, resume_index
    ratio = 4  # number that almost always respects char_height / char_width > ratio
    # Try to use a small amount of text to avoid the whole layout. We need at least one line,
    # and one possible line break point on the second line.
    if style["font_size"] * ratio > max_width:
        # Trying to find minimum or very small size, let's naively split on spaces and keep one
        # word + one letter.
        space_index = text.find(" ")
        if space_index != -1:
            short_text = text[: space_index + 2]  # index + space + one letter
    else:
        # Use the magic ration and hope that we’ll get the right amount of text.
        short_text = text[: int(max_width / style["font_size"] * ratio)]
    layout = line_break.create_layout(short_text, style, context, max_width, justification_spacing)
    first_line, resume_index = layout.get_first_line()
    if resume_index is None and short_text != text:
        # The small amount of text fits in one line, give up and use the whole text.
        short_text = text
        layout.set_text(text)
        first_line, resume_index = layout.get_first_line()
        return text, short_text, layout, first_line, resume_index
    # If the second line of the short text can break, we have the next line break point
    # required for step #3 in it, drop the end of the text.
    first_line_text = short_text.encode()[:resume_index].decode()
    if first_line_text != short_text:
        start, end = len(first_line_text) + 1, len(short_text)
        text_end_log_attrs = pango.pango_layout_get_log_attrs_readonly(layout.layout, ffi.NULL)
        if line_break.get_next_break_point(text_end_log_attrs[start:end]) is not None:
            text = short_text
    return text, short_text, layout, first_line, resume_index


def _fit_next_word(
    text, short_text, style, layout, first_line, resume_index, max_width, space_collapse
):
    """Upstream's steps 2 and 3: (first_line, resume_index) once the first word of the second
    line is tried on the first; the try skipped when the draft shows the word cannot fit."""
    first_line_width, _ = line_break.line_size(first_line, style)
    if resume_index is None and first_line_width <= max_width:
        return first_line, resume_index  # the first line fits in the available width
    if first_line_width <= max_width:
        # The first line fits but may have been cut too early by Pango.
        encoded_text = text.encode()
        first_line_text = encoded_text[:resume_index].decode()
        second_line_text = encoded_text[resume_index:].decode()
    else:
        # The line can't be split earlier, try to hyphenate the first word.
        first_line_text, second_line_text = "", text
    if first_line_text == short_text:
        break_point = None  # there’s no second line, don’t try to find a next word
    else:
        # Find then second line’s first break point.
        log_attrs = pango.pango_layout_get_log_attrs_readonly(layout.layout, ffi.NULL)
        start, end = len(first_line_text) + 1, len(short_text)
        break_point = line_break.get_next_break_point(log_attrs[start:end])
    next_word = second_line_text[:break_point].rstrip(" ")
    # Next word might fit without a space afterwards, only try when space collapsing is allowed.
    if not next_word or not space_collapse or second_line_text[break_point or -1] != " ":
        return first_line, resume_index
    if first_line_text and _overflows(
        layout, resume_index, next_word, first_line_width, max_width, style
    ):
        return first_line, resume_index
    return _try_next_word(text, layout, first_line_text, next_word)


def _try_next_word(text, layout, first_line_text, next_word):
    """Upstream's step 3 proper: the first line laid out with the next word."""
    new_first_line_text = first_line_text + next_word
    layout.set_text(new_first_line_text)
    first_line, resume_index = layout.get_first_line()
    if resume_index is None:
        if first_line_text:
            # The next word fits in the first line, keep the layout.
            resume_index = len(new_first_line_text.encode()) + 1
        else:
            # Second line is None.
            resume_index = first_line.length + 1
            if resume_index >= len(text.encode()):
                resume_index = None
    return first_line, resume_index


def _overflows(layout, resume_index, next_word, first_line_width, max_width, style):
    """Whether the draft's first line and the next word, as the draft laid them out (the word
    opens its second line), overflow the line by a clear margin: then step 3's layout of the
    two breaks where the draft did, and first_line_metrics lays out the same first line text
    again, so skipping step 3 changes nothing.

    The estimate is low by the space between them (Pango gives a wrapped line's final space no
    width); the margin covers what laying them out together could change: kerning, letter
    spacing trimmed at a line's start (and added by line_size), negative word spacing."""
    word_width = _word_width(layout, resume_index, next_word)
    if word_width is None:
        return False
    margin = _MARGIN * style["font_size"] + max(0, -style["word_spacing"])
    if style["letter_spacing"] != "normal":
        margin += 2 * abs(style["letter_spacing"])
    return first_line_width + word_width > max_width + margin


# Step 3 is skipped only when the line and the next word overflow by more than this (in em).
_MARGIN = 0.25


def _word_width(layout, resume_index, next_word):
    """The width of `next_word` where it opens the draft's second line (its glyphs' advances,
    in px), or None unless the second line starts with all of it in left-to-right runs."""
    second_line = pango.pango_layout_get_line_readonly(layout.layout, 1)
    if second_line == ffi.NULL or second_line.start_index != resume_index:
        return None
    word_end = resume_index + len(next_word.encode())
    if word_end > resume_index + second_line.length:
        return None
    width, start, run = 0, resume_index, second_line.runs
    while start < word_end:
        if run == ffi.NULL:
            return None
        item, glyphs = run.data.item, run.data.glyphs
        if item.offset != start or item.analysis.level % 2:
            return None  # not the next bytes, or right-to-left: glyphs not in text order
        # Left to right, a run's clusters go up: its glyphs before the word's end come first.
        clusters = ffi.unpack(glyphs.log_clusters, glyphs.num_glyphs)
        count = bisect.bisect_left(clusters, word_end - start)
        raw = ffi.buffer(glyphs.glyphs, count * GLYPH_INFO.size)
        width += sum(record[1] for record in GLYPH_INFO.iter_unpack(raw))
        start, run = start + item.length, run.next
    return width * FROM_UNITS
