"""Prints the page benchmark's pages, one per line: `name page bare username marker`.

`--prepare fresh|reuse [name ...]` instead readies what the named pages (all when none) read beside the
generated rows (the search index): always after a fresh generation, only when missing on reused data.
"""

import sys

from bench.djangosetup import setup


def main(args: list[str]) -> None:
    setup()
    from bench.services import pages

    if args[:1] == ["--prepare"]:
        fresh, names = args[1] == "fresh", set(args[2:])
        for page in pages():
            if page.prepare and (not names or page.name in names):
                print(f"==> preparing {page.name}", file=sys.stderr)
                page.prepare(fresh)
        return
    for page in pages():
        print(page.name, page.page, page.bare, page.username, page.marker)


if __name__ == "__main__":
    main(sys.argv[1:])
