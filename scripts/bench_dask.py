#!/usr/bin/env python3
"""Local process pool vs --scheduler on one machine: articles/s, and Dask's cost per task.

    python scripts/bench_dask.py                       # 1,000 and 10,000 articles, json
    python scripts/bench_dask.py -n 1000 --formats pdf --batch-sizes 1,8,32

Builds the articles as scripts/benchmark.py does, starts one Dask LocalCluster
(one single-threaded worker process per core, as `--scheduler dask` does) and
times the real command against it (`--scheduler tcp://…`), so the cluster's
own start-up (reported on its own line) is not charged to every run. JSON is
the default format because it is the cheapest: what Dask adds per task shows
most there. The overhead per task is measured directly too: empty tasks
through the same client, the scheduler's round trip and nothing else. The CPU
column counts the command's own processes: the pool's workers are among them,
the cluster's are not (they belong to this script).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import benchmark  # scripts/ is on sys.path when run as a script

sys.path.insert(0, str(benchmark.ROOT))


def overhead_per_task(address: str, n: int = 2000) -> float:
    """Milliseconds per empty convert_batch task (submit, run, gather), all in flight."""
    from distributed import Client, wait

    from convert import dask_runner
    from convert.reader import ReadOptions
    from convert.writers.base import RenderOptions

    with Client(address) as client:
        args = (ReadOptions(), RenderOptions())
        client.submit(dask_runner.convert_batch, (), *args, pure=False).result()  # warm
        start = time.perf_counter()
        futures = [
            client.submit(dask_runner.convert_batch, (), *args, pure=False) for _ in range(n)
        ]
        wait(futures)
        client.gather(futures)
        return (time.perf_counter() - start) * 1000 / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", default="1000,10000", help="batch sizes in articles")
    parser.add_argument("--formats", default="json")
    parser.add_argument("--batch-sizes", default="auto",
                        help="--batch-size values to time (auto: the command's own choice)")
    args = parser.parse_args()
    from distributed import LocalCluster

    from convert import dask_runner

    cores = benchmark.cores()
    start = time.perf_counter()
    with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.CRITICAL) as cluster:
        print(f"{cores} cores; Dask LocalCluster of {cores} workers started in "
              f"{time.perf_counter() - start:.2f} s; formats {args.formats}")
        per_task = overhead_per_task(cluster.scheduler_address)
        print(f"Dask overhead per task (empty tasks, all in flight): {per_task:.2f} ms")
        print(f"{'run':<34} {'files':>6} {'wall':>10} {'rate':>10} {'peak':>9}")
        with tempfile.TemporaryDirectory(prefix="convert-bench-dask-") as tmp:
            for n in (int(x) for x in args.n.split(",")):
                src = benchmark.build(Path(tmp) / f"in{n}", n)
                out = Path(tmp) / "out"
                cmd = benchmark.convert_cmd(src, out, args.formats, cores, "--force")
                seconds, failed, mb = benchmark.timed(cmd)
                benchmark.row(f"local pool -j {cores}", n, seconds, failed, mb)
                for size in args.batch_sizes.split(","):
                    extra = ["--scheduler", cluster.scheduler_address]
                    if size != "auto":
                        extra += ["--batch-size", size]
                    seconds_d, failed, mb = benchmark.timed(cmd + extra)
                    batch = dask_runner.batch_size_for(n, cores) if size == "auto" else int(size)
                    benchmark.row(f"--scheduler, batch {batch}", n, seconds_d, failed, mb)
                    tasks = -(-n // batch)
                    print(f"  {tasks} tasks; vs the pool {seconds_d - seconds:+.2f} s, "
                          f"{(seconds_d - seconds) * 1000 / tasks:+.1f} ms per task", flush=True)


if __name__ == "__main__":
    main()
