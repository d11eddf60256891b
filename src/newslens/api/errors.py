"""One JSON error shape for every failure: ``{"error": {"code": ..., "message": ...}}``.

The library raises :class:`~newslens.errors.NewslensError`; this module alone turns errors into
HTTP answers. Paths outside ``/api/`` (the web pages) get the web UI's one error page instead
(``newslens.web.render.error_page``) when the web package is installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newslens import errors

log = logging.getLogger(__name__)

#: the HTTP status of each library error (the most specific class wins)
STATUS: dict[type[errors.NewslensError], int] = {
    errors.InputNotFoundError: 404,
    errors.UnknownFormatError: 415,
    errors.InputError: 400,
    errors.QueryError: 400,
    errors.ExportError: 400,
    errors.ConfigError: 500,
    errors.MigrationError: 500,
    errors.StoreError: 503,
}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
}


class ApiError(Exception):
    """An HTTP error raised by the API's own code, with a stable code and a helpful message."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def not_found(kind: str, key: str, listing: str) -> ApiError:
    """The 404 for an unknown id, saying where the known ids are listed."""
    shown = key if len(key) <= 80 else key[:77] + "..."
    return ApiError(404, "not_found", f"no {kind} {shown!r}; list them at {listing}")


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def _web_renderer() -> Callable[..., Response] | None:
    """The web UI's error page, ``error_page(request, status, title, detail)``, if installed."""
    try:
        from newslens.web.render import error_page
    except ImportError:
        return None
    return error_page


def _answer(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    if not request.url.path.startswith("/api/"):
        render = _web_renderer()
        if render is not None:
            return render(request, status, code.replace("_", " ").capitalize(), message)
    return JSONResponse(error_body(code, message, **extra), status_code=status, headers=headers)


def _status_of(exc: errors.NewslensError) -> int:
    for kind in type(exc).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the JSON shape."""

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _answer(request, exc.status, exc.code, exc.message, exc.headers)

    async def library_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, errors.NewslensError)
        status = _status_of(exc)
        if status >= 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return _answer(request, status, exc.code, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = str(exc.detail) if exc.detail else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path {request.url.path}; the API's paths are at /api/v1/docs"
        return _answer(request, exc.status_code, code, message, dict(exc.headers or {}))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for item in exc.errors():
            # the offending input is not echoed back: it may be huge or hostile
            where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path"))
            problems.append({"field": where, "problem": str(item.get("msg", ""))[:200]})
        text = "; ".join(f"{p['field']}: {p['problem']}" for p in problems[:5])
        message = f"invalid request: {text}; see /api/v1/docs for each parameter"
        return _answer(request, 422, "invalid_request", message, details=problems)

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return _answer(
            request,
            500,
            "internal_error",
            "the server failed on this request; the server log has the details",
        )

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(errors.NewslensError, library_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)


class _TooLarge(StarletteHTTPException):
    """Raised while reading a body over the limit; an HTTP error, so a route reading the body
    answers 413 through the handlers rather than a parse error."""

    def __init__(self, message: str) -> None:
        super().__init__(413, message)


class GuardMiddleware:
    """Refuses, before any route runs, bodies over the size limit (413) and URLs carrying NUL
    characters (422), which PostgreSQL cannot even compare and nothing legitimate sends."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"")
        if b"%00" in raw or b"%00" in query or "\x00" in scope["path"]:
            message = "the URL holds a NUL character (%00); remove it"
            await self._refuse(send, 422, "invalid_request", message)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send, 413, "request_too_large", self._too_large_message())
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self._too_large_message())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, 413, "request_too_large", self._too_large_message())

    def _too_large_message(self) -> str:
        mib = self.max_bytes / (1024 * 1024)
        return (
            f"the request body is over the server's limit of {mib:g} MiB; split the upload "
            f"into smaller requests or raise NEWSLENS_MAX_REQUEST_MB"
        )

    @staticmethod
    async def _refuse(send: Send, status: int, code: str, message: str) -> None:
        response = JSONResponse(error_body(code, message), status_code=status)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": response.raw_headers,
            }
        )
        await send({"type": "http.response.body", "body": response.body})
