"""Issue 25: the cost of a PAdES signature against rendering the same page without one, in one process.

    python -m bench.signing_bench [N] [--profile]

Renders the demo letter once, then signs it N times (default 50) and renders N unsigned letters, alternately,
so both meet the same machine load; prints ms a signature, ms a rendered page and the signed/unsigned
throughput ratio. --profile prints cProfile's top entries of the N signatures.
"""

import cProfile
import pstats
import sys
import time

from bench.djangosetup import setup as django_setup


def main() -> None:
    django_setup()
    from apps.documents import signing
    from apps.documents.render import render_pdf

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 50
    context = {"subject": "آزمون امضا", "body": "متن نامه " * 200}
    pdf = render_pdf("documents/pdf_base.html", context)
    signing.sign_pdf(pdf)  # the first signature reads the certificate and imports pyHanko: not counted
    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(n):
            signing.sign_pdf(pdf, reason="bench", location="bench")
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return
    sign = render = 0.0
    for _ in range(n):
        started = time.perf_counter()
        page = render_pdf("documents/pdf_base.html", context)
        render += time.perf_counter() - started
        started = time.perf_counter()
        signed = signing.sign_pdf(page, reason="bench", location="bench")
        sign += time.perf_counter() - started
    check = signing.check_pdf(signed)  # the last one, as pyHanko's validator sees it
    assert check.ok, check
    print(
        f"PDF {len(pdf)} bytes; {n} signatures {sign / n * 1000:.1f} ms each; render {render / n * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
