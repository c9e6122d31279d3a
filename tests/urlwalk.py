"""Walk the URLconf so the tests of the whole URL configuration (tests/test_urls_*.py) cover every
page, including ones added later."""

import re
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = ("/accounts/login/", "/health", "/i18n/setlang/", "/favicon.ico")  # the icon: a redirect
ROLES = ["case_worker", "supervisor", "focal_point", "coordinator", "analyst", "auditor", "admin"]
NO_PERSONAL_DATA_ROLES = ["analyst", "focal_point", "coordinator"]
# Pages under /cases/ that show no personal data (figures, the role table); every other case page
# and the persons/cases API are personal data.
CASES_WITHOUT_PERSONAL_DATA = ("/cases/stats/", "/cases/permissions/")
PERSONAL_DATA_PREFIXES = ("/cases/", "/api/v1/persons/", "/api/v1/cases/")

FIXED_UUID = uuid.UUID("2f1c8a52-7d4e-4b1a-9a57-1d2c3b4a5e6f")


@dataclass
class Route:
    template: str  # e.g. "/plan/reports/<pk>/"
    params: dict  # name -> converter kind ("int", "uuid", "str", "path", "regex")
    name: str
    methods: str = ""

    def is_personal(self) -> bool:
        path = self.template
        return path.startswith(PERSONAL_DATA_PREFIXES) and not path.startswith(
            CASES_WITHOUT_PERSONAL_DATA
        )


def _route_from_regex(regex: str) -> tuple[str, dict] | None:
    regex = regex.lstrip("^").rstrip("$")
    params = dict.fromkeys(re.findall(r"\(\?P<(\w+)>", regex), "regex")
    if "format" in params:
        return None  # format-suffix duplicates of the same views
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", regex)
    text = text.replace("\\.", ".").replace("/?", "/")
    if re.search(r"[()\[\]*+?\\|]", text):
        return None
    return text, params


def walk(resolver=None, prefix="") -> list[Route]:
    routes = []
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        raw = str(pattern)
        if hasattr(pattern, "converters") and not hasattr(pattern, "_regex_dict"):
            pass
        if type(pattern).__name__ == "RoutePattern":
            params = {}
            for name, converter in pattern.converters.items():
                params[name] = type(converter).__name__.replace("Converter", "").lower()
            if "format" in params:
                continue
            part = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", raw)
        else:
            parsed = _route_from_regex(raw)
            if parsed is None:
                continue
            part, params = parsed
        if isinstance(entry, URLResolver):
            for sub in walk(entry, prefix + part):
                sub.params = {**params, **sub.params}
                routes.append(sub)
        elif isinstance(entry, URLPattern):
            routes.append(Route("/" + prefix + part, params, entry.name or ""))
    return routes


def all_routes() -> list[Route]:
    seen, out = set(), []
    for route in walk():
        if route.template not in seen:
            seen.add(route.template)
            out.append(route)
    return out


def _model_for_segment(segment: str, app: str = ""):
    seg = segment.replace("-", "").replace("_", "").lower()
    for plural, single in (("ies", "y"), ("s", "")):
        if seg.endswith(plural):
            seg = seg[: -len(plural)] + single
            break
    candidates = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("ctip.")
        and (m._meta.model_name == seg or m._meta.model_name.endswith(seg))
    ]
    if len(candidates) > 1:
        candidates = [m for m in candidates if m._meta.app_label == app] or [
            m for m in candidates if m._meta.model_name == seg
        ]
    return candidates[0] if len(candidates) == 1 else None


def fill(route: Route, world: dict | None = None) -> str:
    """A concrete URL for a route: ids of existing objects where the segment names a model."""
    world = world or {}
    path = route.template
    parts = path.split("/")
    for i, part in enumerate(parts):
        m = re.fullmatch(r"<(\w+)>", part)
        if not m:
            continue
        name, kind = m.group(1), route.params.get(m.group(1), "str")
        app = parts[1] if parts[1] != "api" else ""
        model = _model_for_segment(parts[i - 1], app) if i else None
        if model is None and name in ("code", "uid"):
            model = next((mm for mm in world if hasattr(mm, name)), None) if world else None
        obj = world.get(model) if model is not None else None
        if obj is not None and name in ("pk", "id") and kind in ("int", "regex"):
            value = str(obj.pk)
        elif obj is not None and hasattr(obj, name):
            value = str(getattr(obj, name))
        elif kind == "uuid" or name.endswith("uid") or name == "uuid":
            value = str(FIXED_UUID)
        elif kind in ("int", "regex"):
            value = "1"
        else:
            value = "x"
        parts[i] = value
    return "/".join(parts)


def bake_world() -> dict:
    """One instance of every ctip model that model_bakery can make (others are skipped)."""
    from model_bakery import baker

    world = {}
    for model in apps.get_models():
        if not model.__module__.startswith("ctip.") or model._meta.abstract:
            continue
        if model._meta.app_label in ("audit",):
            continue
        try:
            with transaction.atomic():
                world[model] = baker.make(model, _fill_optional=False)
        except Exception:  # noqa: BLE001 - a model with invariants bakery cannot satisfy
            continue
    return world
