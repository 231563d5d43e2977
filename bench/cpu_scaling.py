"""How much faster two processes finish a fixed amount of work than one, on this machine.

The ceiling for item 4's "two workers ≥ 1.8× one": on a machine whose two vCPUs share a physical core, or
whose host is busy, no program gets 2× from a second process. Two kinds of work: pure Python (the CPU
alone), and certificate PDFs rendered by WeasyPrint with no database, no broker and no storage (the CPU
with the memory traffic of a layout engine).

    python -m bench.cpu_scaling [seconds of work for one process, default 20] [--pdf]
"""

import multiprocessing
import sys
import time

from bench.djangosetup import setup


def _python(rounds: int) -> int:
    total = 0
    for n in range(rounds):
        total += n * n % 7
    return total


def _pdf(rounds: int) -> int:
    from apps.documents.render import qr_data_uri, render_pdf

    url = "https://khedmat.example.ir/verify/ABCD-EFGH-IJKL/"
    context = {
        "learner": {
            "full_name": "زهرا احمدی",
            "national_id": "0012345678",
            "organization": {"name": "استانداری"},
        },
        "course": {"title": "مهارت‌های ارتباطی در محیط کار", "hours": 20},
        "session": {},
        "document": {"verification_code": "ABCD-EFGH-IJKL"},
        "issuer": {"name": "سازمان مدیریت و برنامه‌ریزی استان"},
        "issuer_unit": "گروه آموزش",
        "verify_url": url,
        "qr_data_uri": qr_data_uri(url),
    }
    for _ in range(rounds):
        render_pdf("training/certificate_pdf.html", context)
    return rounds


def _rate(work, rounds: int) -> float:
    work(1)  # warms imports, templates and fonts
    started = time.perf_counter()
    work(rounds)
    return rounds / (time.perf_counter() - started)


def _timed(work, processes: int, rounds: int) -> float:
    """Seconds for `processes` processes to share `rounds` equally."""
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pool.map(work, [1] * processes)  # each process warms up before the clock starts
        started = time.perf_counter()
        pool.map(work, [rounds // processes] * processes)
        return time.perf_counter() - started


def main(seconds: float, pdf: bool) -> None:
    if pdf:
        setup()
    work, name = (_pdf, "certificate PDFs") if pdf else (_python, "pure Python")
    rounds = max(2, int(_rate(work, 2 if pdf else 2_000_000) * seconds))
    rounds -= rounds % 2
    one, two = _timed(work, 1, rounds), _timed(work, 2, rounds)
    print(f"{name}: one process {one:6.2f} s, two processes {two:6.2f} s for the same work")
    print(f"CPU SCALING ({name}) two processes / one: {one / two:.2f}x (the ceiling for two Celery workers)")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--pdf"]
    main(float(args[0]) if args else 20.0, "--pdf" in sys.argv[1:])
