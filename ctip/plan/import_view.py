"""What the import preview shows and how its forms become corrections (views.py stays thin)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ctip.extraction.catalogue import match_catalogue

from . import services
from .corrections import OPS, PARA


def preview_context(staged, result: dict, skipped: list[dict]) -> dict:
    """Sections beside their text and catalogue match, the parts in no section, weak OCR pages."""
    items = result.get("items") or []
    catalogue = services.catalogue_of(staged.plan) or []
    matches = {m["index"]: m for m in match_catalogue(items, catalogue)} if catalogue else {}
    sections = []
    for i, item in enumerate(items):
        paragraphs = [p for p in (item.get("text") or "").split(PARA)]
        sections.append(
            {
                "index": i,
                "code": item.get("code"),
                "title": item.get("title"),
                "paragraphs": list(enumerate(paragraphs)),
                "facts": [
                    {
                        "type": f["type"],
                        "label": services.fact_type_label(f["type"]),
                        "text": f.get("text", ""),
                        "span": f"{f['span'][0]},{f['span'][1]}",
                    }
                    for f in item.get("facts") or []
                ],
                "match": matches.get(i),
            }
        )
    return {
        "sections": sections,
        "unassigned": result.get("unassigned") or [],
        "low_pages": [p for p in result.get("pages") or [] if p.get("low_confidence")],
        "catalogue": catalogue,
        "skipped": skipped,
        "detected": result.get("report") or {},
    }


def correction_from(post) -> dict:
    """A correction (see corrections.py) from a preview form's fields."""
    op = post.get("op", "")
    if op == "map":
        op = "code"
    try:
        index = int(post.get("index", ""))
    except ValueError:
        index = -1
    if op not in OPS or index < 0:
        raise ValidationError(_("Unknown correction."))
    out: dict = {"op": op, "index": index, "was": post.get("was") or None}
    if op in ("code", "split"):
        out["code"] = (post.get("code") or "").strip()
        if op == "code" and not out["code"]:
            raise ValidationError(_("Give a sub-item code, such as 4.2.10."))
    if op == "split":
        try:
            out["at"] = int(post.get("at", ""))
        except ValueError as exc:
            raise ValidationError(_("Choose the paragraph to split at.")) from exc
    if op == "drop_fact":
        try:
            start, end = (int(x) for x in post.get("span", "").split(","))
        except ValueError as exc:
            raise ValidationError(_("Unknown correction.")) from exc
        out.update(type=post.get("type", ""), span=[start, end])
    return out
