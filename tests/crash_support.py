"""Child side of the crash tests: ingest into a library with one fault point armed (runs in a forked child)."""

from __future__ import annotations

from pathlib import Path

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library, faults


def ingest_child(lib_dir: str, corpus: str, spec: str, marker: str, batch_size: int) -> None:
    faults.arm(spec or None, marker)
    lib = Library(Path(lib_dir))
    ingest(lib, [Path(corpus)], batch_size=batch_size)
    lib.close()
