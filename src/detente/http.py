"""The HTTP/1.1 protocol of ``detente serve``: uvicorn's httptools protocol with the limits
it lacks. uvicorn bounds neither the time a client may take to send a request header or
body nor the size of the header, so a thousand idle sockets held every file descriptor of
a server; and its own errors (a malformed request line, an unknown method) were plain
text, where every other error of the API is JSON.

``serve()`` passes :class:`GuardedHttpTools` (with its limits) to uvicorn; the worker
processes of ``serve(workers=N)`` make theirs with :func:`from_env`.
"""
from __future__ import annotations

import functools
import os
import sys

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

HEADER_TIMEOUT = 10.0     # seconds from connecting, or a request's first byte, to the end of its header
BODY_TIMEOUT = 30.0       # seconds from the end of the header to the end of the body
MAX_HEADER = 16_384       # bytes of request line and header fields
ENV = "DETENTE_SERVE_HTTP_LIMITS"


class Refused(Exception):
    """A request refused while its header is read: ``Refused(status, message)``."""


class GuardedHttpTools(HttpToolsProtocol):
    """One connection. A timer runs from the connection (or a request's first byte) to the
    end of the request's header, then another to the end of its body; when one fires the
    client gets a JSON 408 and the connection is closed. The header is counted as it
    arrives, before the parser buffers it whole."""

    header_timeout, body_timeout, max_header = HEADER_TIMEOUT, BODY_TIMEOUT, MAX_HEADER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timer = None           # the running header or body timer
        self.in_header = True       # reading a request header, or waiting for the next one
        self.header_bytes = 0       # bytes received while reading this header
        self.field_bytes = 0        # bytes of its request line and header fields

    @classmethod
    def limited(cls, header_timeout: float = HEADER_TIMEOUT, body_timeout: float = BODY_TIMEOUT,
                max_header: int = MAX_HEADER) -> type[GuardedHttpTools]:
        """This protocol with other limits."""
        return type(cls.__name__, (cls,), {"header_timeout": header_timeout, "body_timeout": body_timeout,
                                           "max_header": max_header})

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self.start(self.header_timeout)

    def connection_lost(self, exc) -> None:
        self.stop()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.in_header:
            self.header_bytes += len(data)
        super().data_received(data)
        if self.in_header and self.header_bytes > self.max_header and not self.transport.is_closing():
            self.refuse(431, f"request header over {self.max_header} bytes")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.field_bytes = 0
        if self.timer is None:      # a later request on a kept-alive connection
            self.start(self.header_timeout)

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self.count(len(url))

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self.count(len(name) + len(value))

    def on_headers_complete(self) -> None:
        self.in_header, self.header_bytes = False, 0
        self.start(self.body_timeout)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self.stop()
        self.in_header = True
        super().on_message_complete()

    def count(self, n: int) -> None:
        self.field_bytes += n
        if self.field_bytes > self.max_header:
            if len(self.url) > self.max_header:
                raise Refused(414, f"request target over {self.max_header} bytes")
            raise Refused(431, f"request header over {self.max_header} bytes")

    def send_400_response(self, msg: str) -> None:
        """uvicorn calls this while handling the parser's error: answer it in JSON."""
        exc = sys.exc_info()[1]
        if isinstance(exc, httptools.HttpParserCallbackError) and isinstance(exc.__context__, Refused):
            self.refuse(*exc.__context__.args)
        elif isinstance(exc, httptools.HttpParserInvalidMethodError):
            self.refuse(501, "unknown HTTP method")
        elif isinstance(exc, httptools.HttpParserError) and not isinstance(exc, httptools.HttpParserCallbackError):
            self.refuse(400, f"invalid HTTP request: {exc}")
        else:
            self.refuse(400, "invalid HTTP request")

    def refuse(self, status: int, message: str) -> None:
        """Answer ``status`` with a JSON error body, and close the connection."""
        from .serve import API_CSP, SECURITY_HEADERS, _error_body
        self.stop()
        if self.cycle is not None and not self.cycle.response_complete:     # tell its app the client left
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        body = _error_body(status, message)
        headers = [*self.server_state.default_headers, (b"content-type", b"application/json"),
                   (b"content-length", str(len(body)).encode()), (b"connection", b"close"), *SECURITY_HEADERS,
                   (b"content-security-policy", API_CSP)]
        self.transport.write(b"".join([STATUS_LINE[status], *(b"%s: %s\r\n" % h for h in headers), b"\r\n", body]))
        self.transport.close()

    def start(self, seconds: float) -> None:
        self.stop()
        self.timer = self.loop.call_later(seconds, self.timed_out)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def timed_out(self) -> None:
        self.timer = None
        cycle = self.cycle
        if self.transport.is_closing():
            return
        if self.in_header:
            if cycle is not None and not cycle.response_complete:   # a late pipelined request:
                cycle.keep_alive = False                            # close after this answer
            else:
                self.refuse(408, f"request header not received within {self.header_timeout:g} s")
        elif cycle.response_started:            # answered without the rest of its body
            self.transport.close()
        else:
            self.refuse(408, f"request body not received within {self.body_timeout:g} s")


def from_env(**kwargs) -> GuardedHttpTools:
    """The protocol of a connection of a worker process of ``serve(workers=N)``, with the
    limits ``serve`` put in the environment."""
    return _from_env()(**kwargs)


@functools.cache
def _from_env() -> type[GuardedHttpTools]:
    header_timeout, body_timeout, max_header = os.environ[ENV].split(",")
    return GuardedHttpTools.limited(float(header_timeout), float(body_timeout), int(max_header))


def put_env(header_timeout: float, body_timeout: float, max_header: int) -> None:
    """Hand these limits to the worker processes to be started."""
    os.environ[ENV] = f"{header_timeout},{body_timeout},{max_header}"
