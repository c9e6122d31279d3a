"""Reading several untrusted report files in one sandbox child (the interpreter and the
extractor start once): `python -m ctip.core.sandbox_batch FILE…`, run by
`ctip.core.sandbox.extract_batch` inside `sandbox_child`'s limits. Each file is read as
`ctip.extraction.untrusted` reads one; one JSON line per file, in order: `{"result": …}`,
`{"error": "one line"}` or `{"too_complex": true}`.

Imports nothing from Django: the child never sees the settings, the database or the keys.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ctip.extraction.errors import ExtractionError
from ctip.extraction.untrusted import TooComplex, run


def read_one(path: Path) -> dict:
    """One file's line: its extraction, or why it could not be read."""
    try:
        return {"result": run(path, path.name)}
    except ExtractionError as exc:
        return {"error": str(exc).replace(str(path), path.name).replace("\n", " ")[:300]}
    except (TooComplex, MemoryError, RecursionError):
        return {"too_complex": True}


def main(argv: list[str] | None = None) -> int:
    for name in sys.argv[1:] if argv is None else argv:
        sys.stdout.write(json.dumps(read_one(Path(name)), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
