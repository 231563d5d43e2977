"""Prints the page benchmark's pages, one per line: `name page bare username marker`."""

from bench.djangosetup import setup


def main() -> None:
    setup()
    from bench.services import pages

    for page in pages():
        print(page.name, page.page, page.bare, page.username, page.marker)


if __name__ == "__main__":
    main()
