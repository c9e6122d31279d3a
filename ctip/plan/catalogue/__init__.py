"""The action plan itself (issue 15): loading it from its document with versions, the catalogue
editor, reporting obligations, indicators and continuity between plans.

- `importer`: read the plan's document, compare it with the catalogue, write a version.
- `services`: every other write (catalogue edits, waivers, indicators, crosswalk, current plan).
- `obligations`: who owes which report by when, computed from executors, deadlines and periods.
- `selectors`: the reads of the pages and the API.
"""
