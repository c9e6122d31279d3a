"""A child process that misbehaves on purpose, for the sandbox's limit tests.

`python -m tests.core.misbehaving_child memory|cpu|output|sleep|ok` (no Django, like the real child);
`progress --progress-fd=N` also writes two page lines, the second in two pieces, to N.
"""

import os
import sys
import time


def main(mode: str, *options: str) -> int:
    if mode == "memory":
        hoard = []
        while True:
            hoard.append(bytearray(16 * 1024 * 1024))
    if mode == "cpu":
        n = 0
        while True:
            n += 1
    if mode == "output":
        chunk = b"x" * 65536
        while True:
            sys.stdout.buffer.write(chunk)
    if mode == "sleep":
        time.sleep(3600)
    if mode == "progress":
        fd = int(options[0].removeprefix("--progress-fd="))
        for piece in (b"ocr 1 2\n", b"ocr 2", b" 2\n"):
            os.write(fd, piece)
            time.sleep(0.05)
    sys.stdout.write('{"ok": true}')
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
