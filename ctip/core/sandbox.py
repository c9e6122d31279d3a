"""Untrusted files are read in a child process with limits, never in the web worker.

`run_child(module, args, limits)` starts `python -m ctip.core.sandbox_child` (which limits its
own memory, CPU time and file size, then runs `module`), reads its output up to a size limit and
kills it — with anything it started — at a wall-clock deadline. `extract_file(path)` reads a
report that way (ctip.extraction.untrusted) and returns the extraction; given `progress`, it is
called with (pages done, pages to read) as the child's OCR reads a scan page by page (the child
writes one short line per page to a pipe of its own, read beside its output).

Whatever breaks a limit — a decompression bomb, a document built to make the layout analysis
build millions of objects, an entity bomb, an endless loop — ends as `TooComplex`, a translated
"this file is too complex to read"; an unreadable file as ExtractionError with the reader's
one-line reason. The child gets no secrets: only the variables of settings.CTIP_SANDBOX_ENV.

Limits come from settings (CTIP_EXTRACT_MEMORY_MB, _CPU_SECONDS, _TIMEOUT_SECONDS,
_OUTPUT_BYTES). Used by the web import's job (once: the preview reads the stored result),
`ctip import-report`, and any job that reads an uploaded file.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ctip.extraction import ExtractionError

from .sandbox_child import EXIT_TOO_COMPLEX, EXIT_UNREADABLE

CHUNK = 65536
PROGRESS_BYTES = 65536  # progress lines read from one child at most (each is a few bytes)


class TooComplex(ExtractionError):
    """The file needs more memory, CPU time, output or time than allowed (or is built to)."""

    def __init__(self, reason: str = ""):
        super().__init__(
            _("This file is too complex to read.")
            + " "
            + _(
                "Reading it needs more memory or time than allowed: save it again as a "
                "simpler DOCX or PDF, or split it into parts."
            )
        )
        self.reason = reason  # for logs and tests: memory, cpu, output, timeout, structure


@dataclass(frozen=True)
class Limits:
    memory_bytes: int
    cpu_seconds: int
    wall_seconds: float
    output_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            memory_bytes=int(settings.CTIP_EXTRACT_MEMORY_MB) * 1024 * 1024,
            cpu_seconds=int(settings.CTIP_EXTRACT_CPU_SECONDS),
            wall_seconds=float(settings.CTIP_EXTRACT_TIMEOUT_SECONDS),
            output_bytes=int(settings.CTIP_EXTRACT_OUTPUT_BYTES),
        )


def child_environment() -> dict[str, str]:
    """The child's whole environment: the harmless variables settings lists, nothing else."""
    env = {k: v for k, v in settings.CTIP_SANDBOX_ENV.items() if not k.startswith("CTIP_")}
    env.update(
        {"PYTHONDONTWRITEBYTECODE": "1", "OMP_THREAD_LIMIT": "1", "PYTHONIOENCODING": "utf-8"}
    )
    return env


def run_child(
    module: str, args: list[str], limits: Limits, *, on_line: Callable[[str], None] | None = None
) -> bytes:
    """Run `python -m module args` under `limits`; its standard output, or an exception. With
    `on_line`, the child also gets `--progress-fd N` and each line it writes there is passed on."""
    argv = _child_argv(module, args, limits)
    read_end = write_end = None
    if on_line is not None:
        read_end, write_end = os.pipe()
        argv.append(f"--progress-fd={write_end}")
    try:
        proc = _start(argv, write_end)
        lines = _Lines(read_end, on_line) if read_end is not None and on_line else None
        out, err, broken = _collect(proc, limits, lines)
    finally:  # also when the child cannot start: no pipe end is left open
        if read_end is not None:
            os.close(read_end)
    if broken:
        raise TooComplex(broken)
    return _outcome(proc.returncode, out, err)


def _child_argv(module: str, args: list[str], limits: Limits) -> list[str]:
    """The sandbox child's command line: our interpreter, the limits, then `module args`."""
    return [
        sys.executable,
        "-m",
        "ctip.core.sandbox_child",
        f"--memory={limits.memory_bytes}",
        f"--cpu={limits.cpu_seconds}",
        f"--output={limits.output_bytes}",
        module,
        *args,
    ]


def _start(argv: list[str], write_end: int | None) -> subprocess.Popen:
    """Start the child in a process group of its own, with no secrets; it inherits only the
    progress pipe's write end, which we close on our side once the child holds its copy."""
    try:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_environment(),
            close_fds=True,
            pass_fds=() if write_end is None else (write_end,),
            start_new_session=True,  # its own process group: killed whole, with what it started
        )
    finally:
        if write_end is not None:
            os.close(write_end)  # the child holds its copy; ours would keep the pipe open


class _Lines:
    """The child's progress pipe: whole lines go to `on_line`, up to PROGRESS_BYTES in all."""

    def __init__(self, fd: int, on_line: Callable[[str], None]):
        self.fd, self.on_line = fd, on_line
        self.pending, self.seen = b"", 0

    def feed(self, data: bytes) -> None:
        self.seen += len(data)
        if self.seen > PROGRESS_BYTES:
            return  # a child that talks this much is ignored, not believed
        *whole, self.pending = (self.pending + data).split(b"\n")
        for line in whole:
            self.on_line(line.decode("ascii", "replace"))


def _collect(
    proc: subprocess.Popen, limits: Limits, lines: _Lines | None = None
) -> tuple[bytes, bytes, str]:
    """Read stdout (up to the output limit), stderr (its head) and the progress pipe until the
    child ends or the deadline passes; returns (out, err, what broke: "" / "output" / "timeout")."""
    deadline = time.monotonic() + limits.wall_seconds
    out, err = bytearray(), bytearray()
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, out)
    sel.register(proc.stderr, selectors.EVENT_READ, err)
    if lines is not None:
        sel.register(lines.fd, selectors.EVENT_READ, lines)
    broken = ""
    try:
        broken = _read_streams(sel, deadline, limits.output_bytes, out, err)
    finally:
        sel.close()
        broken = _end_child(proc, deadline, broken)
    return bytes(out), bytes(err), broken


def _read_streams(
    sel: selectors.BaseSelector, deadline: float, output_bytes: int, out: bytearray, err: bytearray
) -> str:
    """Read the registered streams until all are closed: "" then, or what broke first —
    "timeout" at the deadline, "output" once stdout passes `output_bytes`."""
    while sel.get_map():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return "timeout"
        for key, _events in sel.select(timeout=remaining):
            data = os.read(key.fd, CHUNK)
            if not data:
                sel.unregister(key.fileobj)
            elif key.data is out:
                out += data
            elif isinstance(key.data, _Lines):
                key.data.feed(data)
            elif len(err) < CHUNK:
                err += data
        if len(out) > output_bytes:
            return "output"
    return ""


def _end_child(proc: subprocess.Popen, deadline: float, broken: str) -> str:
    """Kill a child that broke a limit, close its pipes and wait for it to end; one that outlives
    the deadline is killed too (a "timeout", unless something broke first). Returns what broke."""
    if broken:
        _kill(proc)
    proc.stdout.close()
    proc.stderr.close()
    try:
        proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        _kill(proc)
        proc.wait()
        broken = broken or "timeout"
    return broken


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _outcome(code: int, out: bytes, err: bytes) -> bytes:
    if code == 0:
        return out
    if code < 0 or code == EXIT_TOO_COMPLEX:  # killed by a signal (CPU limit, memory) or said so
        raise TooComplex("signal" if code < 0 else "memory")
    if code == EXIT_UNREADABLE:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError(lines[-1][:300] if lines else _("The file could not be read."))
    raise ExtractionError(_("The file could not be read."))


PageProgress = Callable[[int, int], None]


def extract_file(
    path: str | Path, *, name: str | None = None, progress: PageProgress | None = None
) -> dict:
    """Extract a report file (txt, docx, pdf) in a limited child process; `name` is what
    messages and the result's `source` call the file (never the server's path). `progress`
    hears (pages done, pages to read) while a scan is read by OCR."""
    path = Path(path)
    label = name or path.name
    out = run_child(
        "ctip.extraction.untrusted",
        [str(path), "--name", label],
        Limits.from_settings(),
        on_line=None if progress is None else _ocr_lines(progress),
    )
    try:
        result = json.loads(out)
    except ValueError:
        raise ExtractionError(_("The file could not be read.")) from None
    if not isinstance(result, dict) or not isinstance(result.get("items"), list):
        raise ExtractionError(_("The file could not be read."))
    return result


def _ocr_lines(progress: PageProgress) -> Callable[[str], None]:
    """Turn the child's `ocr DONE TOTAL` lines into `progress(done, total)`; others are ignored."""

    def on_line(line: str) -> None:
        word, _sp, rest = line.partition(" ")
        numbers = rest.split()
        if word == "ocr" and len(numbers) == 2 and all(n.isdigit() for n in numbers):
            done, total = int(numbers[0]), int(numbers[1])
            if 0 <= done <= total <= 100_000:
                progress(done, total)

    return on_line


def extract_batch(paths: list[Path]) -> list[dict | ExtractionError]:
    """Extract several files in one limited child (the interpreter and the extractor start
    once; the time and output limits scale with the number of files): each file's extraction
    or its error, in order. When the child as a whole breaks a limit, every file of the batch is
    read again alone, so a crafted file costs only itself."""
    paths = [Path(p) for p in paths]
    base = Limits.from_settings()
    n = max(len(paths), 1)
    limits = Limits(
        base.memory_bytes, base.cpu_seconds * n, base.wall_seconds * n, base.output_bytes * n
    )
    try:
        out = run_child("ctip.core.sandbox_batch", [str(p) for p in paths], limits)
        lines = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    except (ExtractionError, ValueError):
        lines = []
    if len(lines) != len(paths):
        return [_alone(p) for p in paths]
    return [_batch_outcome(line) for line in lines]


def _alone(path: Path) -> dict | ExtractionError:
    try:
        return extract_file(path)
    except ExtractionError as exc:
        return exc


def _batch_outcome(line: dict) -> dict | ExtractionError:
    if isinstance(line.get("result"), dict) and isinstance(line["result"].get("items"), list):
        return line["result"]
    if line.get("too_complex"):
        return TooComplex("batch")
    return ExtractionError(line.get("error") or _("The file could not be read."))
