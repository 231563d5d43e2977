"""The demo's search index: every row the other demo builders wrote, indexed once they are done."""

from .services import index_rebuild


def build(world, agency) -> None:
    # Called once per agency; each call indexes the whole demo so far, which stays small.
    index_rebuild()
