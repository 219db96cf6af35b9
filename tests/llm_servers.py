"""Real local HTTP servers speaking the OpenAI chat-completions and Anthropic messages protocols, scripted per test.

Each server runs in a background thread on 127.0.0.1:<free port>. Tests queue replies (status, JSON body, SSE
events, a delay to provoke client timeouts, or a function of the request) and read back every request received.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    json: Any = None
    body: str | None = None  # raw body (e.g. a non-JSON 502 page)
    sse: list[tuple[str | None, str]] | None = None  # (event name or None, data line)
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


Script = Reply | Callable[[dict], Reply]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    json: Any


class ScriptedServer:
    """A chat server whose replies are queued by the test; unscripted requests get a 500."""

    def __init__(self) -> None:
        self.queue: list[Script] = []
        self.requests: list[Received] = []
        self.default: Script | None = None
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    payload = json.loads(raw) if raw else None
                except json.JSONDecodeError:
                    payload = None
                with server._lock:
                    server.requests.append(Received(self.path, dict(self.headers.items()), payload))
                    script = server.queue.pop(0) if server.queue else server.default
                if script is None:
                    script = Reply(500, {"error": {"message": "no scripted reply", "type": "server_error"}})
                reply = script(payload) if callable(script) else script
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    server._send(self, reply)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.sse is not None:
            handler.send_response(reply.status)
            handler.send_header("Content-Type", "text/event-stream")
            handler.send_header("Cache-Control", "no-cache")
            for k, v in reply.headers.items():
                handler.send_header(k, v)
            handler.end_headers()
            for event, data in reply.sse:
                frame = (f"event: {event}\n" if event else "") + f"data: {data}\n\n"
                handler.wfile.write(frame.encode())
                handler.wfile.flush()
            return
        body = reply.body.encode() if reply.body is not None else json.dumps(reply.json).encode()
        handler.send_response(reply.status)
        handler.send_header("Content-Type", "application/json" if reply.body is None else "text/html")
        handler.send_header("Content-Length", str(len(body)))
        for k, v in reply.headers.items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(body)

    @property
    def root(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def enqueue(self, *replies: Script) -> ScriptedServer:
        with self._lock:
            self.queue.extend(replies)
        return self

    def start(self) -> ScriptedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- what the client sent ------------------------------------------------------------------------
    def prompt_text(self, i: int = -1) -> str:
        """All message text of request ``i`` (system included), for assertions about what the model saw."""
        body = self.requests[i].json or {}
        parts = [str(body.get("system", ""))]
        for m in body.get("messages", []):
            c = m.get("content")
            parts.append(c if isinstance(c, str) else json.dumps(c))
        return "\n".join(parts)


def serve() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    try:
        yield server
    finally:
        server.stop()


# -- OpenAI chat completions ---------------------------------------------------------------------------
def openai_chat(content: str, *, model: str = "local-model", usage: tuple[int, int] = (812, 143)) -> Reply:
    return Reply(
        json={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_760_000_000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
        }
    )


def openai_stream(content: str, *, model: str = "local-model", size: int = 7, usage: bool = True) -> Reply:
    def chunk(delta: dict, finish: str | None = None, use: dict | None = None) -> str:
        obj: dict[str, Any] = {
            "id": "chatcmpl-test",
            "object": "chat.completion.chunk",
            "created": 1_760_000_000,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        }
        if use is not None:
            obj["choices"] = []
            obj["usage"] = use
        return json.dumps(obj)

    frames: list[tuple[str | None, str]] = [(None, chunk({"role": "assistant", "content": ""}))]
    frames += [(None, chunk({"content": content[i : i + size]})) for i in range(0, len(content), size)]
    frames.append((None, chunk({}, "stop")))
    if usage:
        frames.append((None, chunk({}, use={"prompt_tokens": 700, "completion_tokens": 90, "total_tokens": 790})))
    frames.append((None, "[DONE]"))
    return Reply(sse=frames)


def openai_error(status: int, message: str = "boom", type_: str = "server_error") -> Reply:
    return Reply(status, {"error": {"message": message, "type": type_, "param": None, "code": None}})


# -- Anthropic messages -----------------------------------------------------------------------------------
def anthropic_message(text: str, *, model: str = "claude-test", usage: tuple[int, int] = (640, 120)) -> Reply:
    return Reply(
        json={
            "id": "msg_01TestTestTest",
            "type": "message",
            "role": "assistant",
            "content": [{"type": "text", "text": text}],
            "model": model,
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": usage[0], "output_tokens": usage[1]},
        }
    )


def anthropic_stream(text: str, *, model: str = "claude-test", size: int = 9) -> Reply:
    msg = {
        "id": "msg_01TestTestTest",
        "type": "message",
        "role": "assistant",
        "content": [],
        "model": model,
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 640, "output_tokens": 1},
    }
    frames: list[tuple[str | None, str]] = [
        ("message_start", json.dumps({"type": "message_start", "message": msg})),
        (
            "content_block_start",
            json.dumps({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ),
        ("ping", json.dumps({"type": "ping"})),
    ]
    for i in range(0, len(text), size):
        delta = {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "text_delta", "text": text[i : i + size]},
        }
        frames.append(("content_block_delta", json.dumps(delta)))
    frames += [
        ("content_block_stop", json.dumps({"type": "content_block_stop", "index": 0})),
        (
            "message_delta",
            json.dumps(
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": 118},
                }
            ),
        ),
        ("message_stop", json.dumps({"type": "message_stop"})),
    ]
    return Reply(sse=frames)


def anthropic_error(status: int, type_: str = "api_error", message: str = "boom") -> Reply:
    return Reply(status, {"type": "error", "error": {"type": type_, "message": message}})
