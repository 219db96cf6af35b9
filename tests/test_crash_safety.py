"""kill -9 during ingestion (x20, at random points) loses nothing: the re-run library is consistent, counts exact."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from clinevidence.library import Library

N_DOCS = 6000
SCRIPT = """
import sys
from pathlib import Path
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
ingest(Library(Path(sys.argv[1])), [Path(sys.argv[2])], batch_size=500)
"""


def _corpus(path: Path) -> None:
    rng = random.Random(7)
    words = "aspirin warfarin bleeding risk trial patients dose renal hepatic outcome cohort placebo".split()
    with path.open("w") as fh:
        for i in range(N_DOCS):
            text = ". ".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() for _ in range(5)) + "."
            fh.write(json.dumps({"_id": f"c{i}", "title": f"Doc {i}", "text": text}) + "\n")


def test_kill_during_ingest_then_rerun_is_consistent(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    lib_dir = tmp_path / "lib"
    rng = random.Random(11)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(lib_dir), str(corpus)], env=env)
        time.sleep(rng.uniform(0.3, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(lib_dir), str(corpus)], env=env, timeout=300)
    assert done.returncode == 0
    lib = Library(lib_dir)
    assert lib.count_documents() == N_DOCS
    assert lib.doc_index.count() == N_DOCS
    assert lib.passage_index.count() == lib.count_passages()
    hits = lib.doc_index.search("Doc 5999 aspirin", 5)
    assert hits  # the index answers after recovery
