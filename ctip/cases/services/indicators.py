"""The trafficking indicator sets: loaded from ctip/reference/indicators, immutable once loaded."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Indicator, IndicatorSet

INDICATOR_DIR = Path(__file__).resolve().parents[2] / "reference" / "indicators"


def sync_indicator_sets(directory: Path | None = None) -> list[IndicatorSet]:
    """Load every ctip/reference/indicators/*.json; a (code, version) once loaded is immutable."""
    loaded = []
    for path in sorted((directory or INDICATOR_DIR).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        with transaction.atomic():
            iset, created = IndicatorSet.objects.get_or_create(
                code=data["code"],
                version=str(data["version"]),
                defaults={
                    "title_az": data["title_az"],
                    "title_en": data.get("title_en", ""),
                    "source": data.get("source", "")[:300],
                },
            )
            if created:
                Indicator.objects.bulk_create(
                    [
                        Indicator(
                            indicator_set=iset,
                            code=i["code"],
                            group=i.get("group", ""),
                            text_az=i["az"],
                            text_en=i.get("en", ""),
                            order=n,
                        )
                        for n, i in enumerate(data["indicators"])
                    ]
                )
        loaded.append(iset)
    return loaded


def current_indicator_set() -> IndicatorSet:
    iset = IndicatorSet.objects.filter(active=True).order_by("-id").first()
    if iset is None:
        sync_indicator_sets()
        iset = IndicatorSet.objects.filter(active=True).order_by("-id").first()
    if iset is None:
        raise ValidationError(_("no indicator set is available"))
    return iset
