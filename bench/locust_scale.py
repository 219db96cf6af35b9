"""Locust user for bench/bench_scale.py: asks and article page reads, spread over several app nodes.

Run by bench_scale.py (``locust -f bench/locust_scale.py --headless ...``) with BENCH_HOSTS (comma-separated base
URLs, one per app node; users are assigned round-robin), BENCH_ARTICLES (JSON list of article ids to read) and
BENCH_QUESTIONS (JSON list of questions). A response >= 500 is a failure named "server error <status>"; any
other unexpected status "unexpected <status>".
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, task

HOSTS = os.environ.get("BENCH_HOSTS", "http://127.0.0.1:8000").split(",")


def _json_list(var: str, default: list[str]) -> list[str]:
    return json.loads(Path(os.environ[var]).read_text()) if var in os.environ else default


ARTICLES = _json_list("BENCH_ARTICLES", [])
QUESTIONS = _json_list("BENCH_QUESTIONS", ["Does aspirin prevent stroke?"])
_next_host = itertools.count()


def _check(response: Any, expected: tuple[int, ...]) -> None:
    if response.status_code in expected:
        response.success()
    elif response.status_code >= 500:
        response.failure(f"server error {response.status_code}")
    else:
        response.failure(f"unexpected {response.status_code}")


class Clinician(FastHttpUser):
    """Reads article pages three times as often as it asks (closed loop, no think time: capacity, not a model)."""

    host = HOSTS[0]
    wait_time = constant(0)

    def __init__(self, environment: Any) -> None:
        self.host = HOSTS[next(_next_host) % len(HOSTS)]  # before the client is made from it
        super().__init__(environment)

    @task(1)
    def ask(self) -> None:
        body = {"question": random.choice(QUESTIONS)}  # noqa: S311 (load mix, not security)
        with self.client.post("/api/ask", json=body, name="ask", catch_response=True) as response:
            _check(response, (200, 201))

    @task(3)
    def read_article(self) -> None:
        article_id = random.choice(ARTICLES)  # noqa: S311
        with self.client.get(f"/articles/{article_id}", name="article page", catch_response=True) as response:
            _check(response, (200,))
