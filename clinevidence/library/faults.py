"""Named fault points for crash tests: ``CLINEVIDENCE_FAULT=point[@n]`` kills the process at the n-th hit.

A fault point is one call, ``fault("ingest:after-sql-commit")``, placed where a crash is most dangerous. When
the variable is unset (always, outside tests) the call is a global lookup and a return. When it names the point,
the process writes ``point@n`` to ``CLINEVIDENCE_FAULT_MARKER`` (when set), so a test can prove the kill landed
where intended, and then sends itself SIGKILL: no ``finally``, no ``atexit``, no flush, like a power cut.

Points (see docs/notes/issue-11.md): ``migration:<rev>`` inside each migration, ``migration-applied:<rev>``
after a migration's version row is written (before the migration transaction commits), ``ingest:record`` per
record read, ``ingest:batch-before-commit`` after a batch's rows are written but before its SQL commit,
``ingest:after-sql-commit`` between the SQL commit and the index commit, ``index:before-commit`` and
``index:between-commits`` (documents index committed, passages index not).
"""

from __future__ import annotations

import os
import signal

_spec: tuple[str, int] | None = None
_marker = ""
_hits: dict[str, int] = {}


def arm(spec: str | None, marker: str = "") -> None:
    """Arm (``"point"`` or ``"point@3"``) or disarm (None / "") the fault hook for this process."""
    global _spec, _marker
    _hits.clear()
    _marker = marker
    if not spec:
        _spec = None
        return
    point, _, nth = spec.partition("@")
    _spec = (point.strip(), int(nth) if nth.strip() else 1)


def fault(point: str) -> None:
    """Kill this process here if the armed fault names ``point`` and this is its n-th hit; else nothing."""
    if _spec is None or _spec[0] != point:
        return
    n = _hits[point] = _hits.get(point, 0) + 1
    if n < _spec[1]:
        return
    if _marker:
        fd = os.open(_marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, f"{point}@{n}\n".encode())
        finally:
            os.close(fd)
    os.kill(os.getpid(), signal.SIGKILL)


arm(os.environ.get("CLINEVIDENCE_FAULT"), os.environ.get("CLINEVIDENCE_FAULT_MARKER", ""))
