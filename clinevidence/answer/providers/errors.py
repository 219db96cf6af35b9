"""Provider errors: one base class that says whether retrying can help, and one for 'nothing configured'."""

from __future__ import annotations

NOT_CONFIGURED = (
    "No LLM configured — set CLINEVIDENCE_LLM_PROVIDER/BASE_URL/MODEL (and API_KEY) or use --engine extractive"
)


class ProviderError(RuntimeError):
    """A request to the model failed; ``retryable`` says whether the same request may succeed later."""

    def __init__(self, message: str, *, retryable: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status


class ProviderUnavailable(ProviderError):
    """No usable provider: nothing configured, or the SDK is not installed. Retrying cannot help."""

    def __init__(self, message: str = NOT_CONFIGURED) -> None:
        super().__init__(message, retryable=False)


class MalformedOutput(ProviderError):
    """The model answered, but not with the JSON object the prompt asked for."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


def http_error(status: int, detail: str = "") -> ProviderError:
    """Map an HTTP status to an error with a hint: 408/409/429/5xx may pass on retry, other 4xx will not.

    The server's own message is kept only for auth and not-found errors (it names the model or key problem);
    other bodies may quote the prompt, and the prompt holds the user's question, which must not reach logs.
    """
    hint = {
        401: "the server rejected the API key; check CLINEVIDENCE_LLM_API_KEY",
        403: "the API key may not use this model; check CLINEVIDENCE_LLM_API_KEY and CLINEVIDENCE_LLM_MODEL",
        404: "model or endpoint not found; check CLINEVIDENCE_LLM_MODEL and CLINEVIDENCE_LLM_BASE_URL",
        429: "rate limited by the LLM server",
    }.get(status, "")
    retryable = status in (408, 409, 429) or status >= 500
    msg = f"LLM server answered HTTP {status}"
    if hint:
        msg += f": {hint}"
    if detail and status in (401, 403, 404):
        msg += f" ({detail[:200]})"
    return ProviderError(msg, retryable=retryable, status=status)


def sdk_error(exc: Exception, base_url: str, *, timeout: type, connection: type, status: type) -> ProviderError:
    """Map an SDK exception (the SDK's timeout, connection and HTTP-status classes) to a ProviderError."""
    if isinstance(exc, timeout):
        return ProviderError(f"the LLM server at {base_url} timed out", retryable=True)
    if isinstance(exc, connection):
        return ProviderError(f"could not reach the LLM server at {base_url}", retryable=True)
    if isinstance(exc, status):
        return http_error(exc.status_code, str(getattr(exc, "message", "")))  # type: ignore[attr-defined]
    return ProviderError(f"LLM request failed: {exc.__class__.__name__}: {exc}", retryable=False)
