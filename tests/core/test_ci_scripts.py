"""The CI scripts name what exists: a renamed test file made `make test-pythons` run nothing."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_path_of_the_interpreters_subset_exists():
    script = (ROOT / ".ci" / "test-pythons").read_text()
    subset = re.search(r"SUBSET=\(([^)]*)\)", script)
    assert subset, "no SUBSET=( ... ) in .ci/test-pythons"
    paths = subset.group(1).split()
    assert paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f".ci/test-pythons names files that do not exist: {missing}"
