"""How much faster two CPU-bound processes finish a fixed amount of work than one, on this machine.

The ceiling for item 4's "two workers ≥ 1.8× one": on a machine whose two vCPUs share a physical core, or
whose host is busy, no program gets 2× from a second process. Pure Python, no database, no I/O.

    python -m bench.cpu_scaling [seconds of work for one process, default 20]
"""

import multiprocessing
import sys
import time


def _work(rounds: int) -> int:
    total = 0
    for n in range(rounds):
        total += n * n % 7
    return total


def _rounds_per_second() -> float:
    started, rounds = time.perf_counter(), 2_000_000
    _work(rounds)
    return rounds / (time.perf_counter() - started)


def _timed(processes: int, rounds: int) -> float:
    """Seconds for `processes` processes to share `rounds` equally."""
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        started = time.perf_counter()
        pool.map(_work, [rounds // processes] * processes)
        return time.perf_counter() - started


def main(seconds: float) -> None:
    rounds = int(_rounds_per_second() * seconds)
    one, two = _timed(1, rounds), _timed(2, rounds)
    print(f"one process {one:6.2f} s, two processes {two:6.2f} s for the same work")
    print(f"CPU SCALING two processes / one: {one / two:.2f}x (the ceiling for two Celery workers)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 20.0)
