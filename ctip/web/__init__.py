"""The site's own pages above every app: the start page and the navigation.

The top layer (see docs/architecture.md): it may read from any app; no app imports it.
"""
