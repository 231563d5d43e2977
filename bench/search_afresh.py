"""The search box read afresh: what the first person to ask after any step waits for (each step's refresh of
the index moves the index's generation, so the kept results are read again). Times `search_for_user` in
this process, nothing kept, for each person and words, and prints the median and the slowest of the tries
with the index's size, so that one province's figures and the nation's can be set side by side.

    DATABASE_URL=… .venv/bin/python -m bench.search_afresh [--tries 5] [--explain USER WORDS]

`--explain USER WORDS` prints the plan of that person's search instead (`EXPLAIN (ANALYZE, BUFFERS)`).
"""

import argparse
import statistics
import time

from bench.djangosetup import setup

# The province's management expert, an agency's officer, the training expert (who sees the province's
# learners) and the national officer (every province).
PEOPLE = ("expert", "officer101", "trainer", "national")
# The commonest first name, the commonest given names and surnames, two words, a year, nothing.
WORDS = ("علی", "محمد", "رضایی", "علی رضایی", "۱۴۰۳", "ژژژژژ")


def _search(user, words: str):
    from apps.search.selectors import query_parse, search_for_user

    return search_for_user(user=user, query=query_parse(words))


def _explain(user, words: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        _search(user, words)
    statement = queries.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        for (line,) in cursor.fetchall():
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=5)
    parser.add_argument("--explain", nargs=2, metavar=("USER", "WORDS"))
    args = parser.parse_args()
    setup()
    from apps.accounts.models import User
    from apps.search.models import SearchEntry

    if args.explain:
        _explain(User.objects.get(username=args.explain[0]), args.explain[1])
        return
    print(f"index rows: {SearchEntry.objects.count():,}")
    print(f"{'person':<12} {'words':<12} {'shown':>5} {'p50 ms':>8} {'max ms':>8}")
    for username in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for words in WORDS:
            times = []
            for _ in range(args.tries):
                started = time.perf_counter()
                shown = len(_search(user, words).entries)
                times.append((time.perf_counter() - started) * 1000)
            print(
                f"{username:<12} {words:<12} {shown:>5} {statistics.median(times):>8.1f} {max(times):>8.1f}"
            )


if __name__ == "__main__":
    main()
