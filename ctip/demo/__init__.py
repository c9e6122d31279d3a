"""The demo data set (synthetic; no real people): delivery, not domain.

One module per area, each with `load(stdout) -> list[str]` (lines to print); `ctip load-demo`
runs them in dependency order. Domain apps never import from here.
"""
