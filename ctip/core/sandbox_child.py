"""The launcher of ctip.core.sandbox's child processes: it limits itself, then runs the task.

`python -m ctip.core.sandbox_child --memory=B --cpu=S --output=B -- MODULE ARGS…` sets its own
address-space (RLIMIT_AS), CPU-time (RLIMIT_CPU; SIGXCPU at the limit, SIGKILL two seconds later)
and file-size (RLIMIT_FSIZE) limits, forbids core dumps and lowers its priority, and only then
runs MODULE as `__main__`. Setting the limits in the child itself, before anything reads the
file, is safe in a threaded parent (unlike subprocess's preexec_fn).

Imports nothing from Django: the child never sees the settings, the database or the keys.
"""

from __future__ import annotations

import argparse
import os
import resource
import runpy
import sys

EXIT_UNREADABLE = 2  # bad input: one line on stderr says why
EXIT_TOO_COMPLEX = 3  # needs more than the limits allow (or is built to)


def _limit(kind: int, soft: int, *, grace: int = 0) -> None:
    """Set the soft limit (and the hard one `grace` above it), never above an existing hard one."""
    _old, hard = resource.getrlimit(kind)
    if hard == resource.RLIM_INFINITY:
        resource.setrlimit(kind, (soft, soft + grace))
    else:
        soft = min(soft, hard)
        resource.setrlimit(kind, (soft, min(soft + grace, hard)))


def apply_limits(*, memory: int, cpu: int, output: int) -> None:
    """Limit this process (and whatever it starts) before it touches untrusted input."""
    _limit(resource.RLIMIT_AS, memory)
    _limit(resource.RLIMIT_CPU, cpu, grace=2)
    _limit(resource.RLIMIT_FSIZE, output)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        os.nice(5)
    except OSError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ctip.core.sandbox_child")
    parser.add_argument("--memory", type=int, required=True)
    parser.add_argument("--cpu", type=int, required=True)
    parser.add_argument("--output", type=int, required=True)
    parser.add_argument("module")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args(argv)
    apply_limits(memory=opts.memory, cpu=opts.cpu, output=opts.output)
    sys.argv = [opts.module, *opts.args]
    try:
        runpy.run_module(opts.module, run_name="__main__", alter_sys=True)
    except (MemoryError, RecursionError):
        os.write(2, b"too complex: out of memory or nesting\n")
        os._exit(EXIT_TOO_COMPLEX)
    return 0


if __name__ == "__main__":
    sys.exit(main())
