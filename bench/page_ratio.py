"""Prints one page's throughput as a share of its bare view's, and its p95, against issue 8's targets."""

import sys

# Issue 8, item 2: at least 70% of the bare view's throughput, p95 at most 100 ms at 16 connections.
TARGET_SHARE = 0.70
TARGET_P95_MS = 100.0


def parse(result: str) -> dict[str, float]:
    return {key: float(value) for key, value in (part.split("=") for part in result.split())}


def main(name: str, bare: str, page: str) -> None:
    bare_figures, page_figures = parse(bare), parse(page)
    if not bare_figures["rps"] or not page_figures["rps"]:
        print(f"{name}: no request finished within the run (the machine is too loaded to measure): MISSES")
        return
    failed = sum(
        figures[kind] for figures in (bare_figures, page_figures) for kind in ("http_errors", "socket_errors")
    )
    if failed:
        print(f"{name}: {failed:.0f} requests answered an error or failed: MISSES the target")
        return
    share = page_figures["rps"] / bare_figures["rps"]
    p95 = page_figures["p95_ms"]
    verdict = "meets" if share >= TARGET_SHARE and p95 <= TARGET_P95_MS else "MISSES"
    print(
        f"{name}: {share:.0%} of the bare view's throughput (target ≥ {TARGET_SHARE:.0%}), "
        f"p95 {p95:.0f} ms (target ≤ {TARGET_P95_MS:.0f} ms): {verdict} the target"
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
