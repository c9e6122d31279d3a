"""A child process that misbehaves on purpose, for the sandbox's limit tests.

`python -m tests.core.misbehaving_child memory|cpu|output|sleep|ok` (no Django, like the real child).
"""

import sys
import time


def main(mode: str) -> int:
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
    sys.stdout.write('{"ok": true}')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
