from django.urls import NoReverseMatch, Resolver404, resolve


def visible_nav(user, path: str, nav) -> list[dict]:
    """The navigation entries whose page exists and which this user may open."""
    from ctip.accounts.roles import PERSONAL_DATA_ROLES

    items = []
    for url, label, need in nav:
        try:
            resolve(url)
        except (Resolver404, NoReverseMatch):
            continue
        if need == "cases" and not (user.role in PERSONAL_DATA_ROLES or user.is_superuser
                                    or user.role in ("focal_point", "analyst", "coordinator")):
            continue
        items.append({"url": url, "label": label, "active": path.startswith(url)})
    return items
