"""How a web worker's garbage collector is set once the application is loaded (ctip.wsgi), and
the benchmarks' processes likewise (bench/bench_plan.like_a_worker).

Python collects its youngest generation every 700 new container objects. A request builds far
more (model instances, querysets, template nodes), so collections fall in mid-request while the
request's objects are still alive; those survive, are promoted, and die in the oldest
generation, which is then collected on some unlucky request: 20-30 ms each, one request in
ten on the registry search at national scale. With the youngest generation collected every
20,000 objects, most of a request's objects are already garbage when it is collected, and
full collections are rarer (the registry search's p95 51 -> 31 ms, its median unchanged)."""

import gc

YOUNGEST_THRESHOLD = 20_000


def settle() -> None:
    """Tune the collector as above, then move what is loaded so far (Django, the URL conf, the
    templates: ~100,000 objects that live as long as the process) out of its reach, so that a
    full collection during a request stays short."""
    _young, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST_THRESHOLD, middle, oldest)
    gc.collect()
    gc.freeze()
