#!/usr/bin/env python3
"""When each process of a batch does what: the pool's critical path.

    python scripts/pool_timeline.py FOLDER --to pdf -o OUT -j 2 -q --force

Runs the real command (the arguments are convert's) with a few functions wrapped to
print, on stderr, seconds since start and the process id: when the main process has
imported the runner, when it warms the writers, when each worker starts, each task
(wall and CPU milliseconds) and when each worker and the command end. The last lines
sum each worker's tasks. Timings include this wrapping (a few ms).
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from typing import Any

T0 = time.perf_counter()
_tasks: dict[int, list[tuple[float, float]]] = defaultdict(list)


def log(message: str) -> None:
    os.write(2, f"{time.perf_counter() - T0:7.3f} {os.getpid()} {message}\n".encode())


def main() -> None:
    import convert.runner as runner

    log("runner imported")
    warm_up, convert_one, worker_main = runner.warm_up, runner.convert_one, runner._worker_main

    def timed_warm_up(*args: Any, **kwargs: Any) -> None:
        log("warm-up starts")
        warm_up(*args, **kwargs)
        log("warm-up ends")

    def timed_convert_one(task: Any, *args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        outcome = convert_one(task, *args, **kwargs)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        _tasks[os.getpid()].append((wall, used))
        log(f"task {task.index}: {wall * 1000:.0f} ms, {used * 1000:.0f} ms CPU")
        return outcome

    def timed_worker_main(*args: Any, **kwargs: Any) -> None:
        log("worker starts")
        try:
            worker_main(*args, **kwargs)
        finally:
            done = _tasks[os.getpid()]
            log(f"worker ends: {len(done)} tasks, {sum(w for w, _ in done) * 1000:.0f} ms "
                f"({sum(c for _, c in done) * 1000:.0f} ms CPU)")

    runner.warm_up, runner.convert_one = timed_warm_up, timed_convert_one
    runner._worker_main = timed_worker_main

    from convert.cli import main as command

    sys.argv = ["convert", *sys.argv[1:]]
    try:
        command()
    finally:
        log("command ends")


if __name__ == "__main__":
    main()
