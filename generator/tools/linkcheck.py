"""Ask web servers whether addresses still answer, many at once but few at a time per host.

Only the standard library is used (``urllib`` in a thread pool): the requests are plain and
few, and no HTTP library is among our locked dependencies. Politeness is the point, as the
sites we cite are news sites that block aggressive crawlers: at most ``per_host`` requests
to one host at a time, their starts ``delay`` seconds apart, a User-Agent that names us, and
``HEAD`` first, so no page is downloaded unless a server refuses ``HEAD``.
"""

from __future__ import annotations

import http.client
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from itertools import chain, zip_longest
from typing import Literal
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, OpenerDirector, Request, build_opener

Outcome = Literal["ok", "moved", "broken"]

USER_AGENT = (
    "rus-us-chronology-links/0.1 (checks the sources cited by a chronology; `timeline links`)"
)
#: Redirects are followed by hand, to tell a permanent move from a temporary one.
MAX_REDIRECTS = 10
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
#: Answers to HEAD that mean "ask with GET": not allowed, not implemented, and the 403 that
#: some firewalls give HEAD but not GET. GET then decides.
REFUSED_HEAD = frozenset({403, 405, 501})
SUCCESS = range(200, 300)
SERVER_ERRORS = range(500, 600)
# Characters left as they are when an address written with non-ASCII letters is encoded.
_SAFE = "!#$%&'()*+,/:;=?@[]~"


@dataclass(frozen=True)
class Policy:
    """How hard and how politely to ask; the defaults suit a run over the whole content."""

    jobs: int = 8
    per_host: int = 2
    delay: float = 0.5
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class LinkResult:
    """What asking for one address gave: fine, moved for good (to ``location``), or broken."""

    outcome: Outcome
    message: str
    status: int | None = None
    location: str | None = None


@dataclass(frozen=True)
class _Answer:
    """One HTTP response, or one failure to get any (``status`` None, ``message`` says why)."""

    status: int | None
    message: str
    location: str | None = None
    retryable: bool = False


def check_urls(urls: Iterable[str], policy: Policy = Policy()) -> dict[str, LinkResult]:
    """Check every address once, concurrently, and return a result for each."""
    checker = _Checker(policy)
    ordered = _interleave_hosts(dict.fromkeys(urls))
    pool = ThreadPoolExecutor(max_workers=policy.jobs, thread_name_prefix="links")
    try:
        results = dict(zip(ordered, pool.map(checker.check, ordered), strict=True))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: do not start the rest
        raise
    pool.shutdown()
    return results


def _interleave_hosts(urls: Iterable[str]) -> list[str]:
    """Take one address from each host in turn, so the pool's threads rarely wait on one host."""
    per_host: dict[str, list[str]] = {}
    for url in urls:
        per_host.setdefault(host_of(url), []).append(url)
    rounds = zip_longest(*per_host.values())
    return [url for url in chain.from_iterable(rounds) if url is not None]


def host_of(url: str) -> str:
    """Return the host name that politeness limits apply to (any port, any case)."""
    return (urlsplit(url).hostname or "").lower()


def to_uri(url: str) -> str:
    """Encode an address written with non-ASCII letters (``…/opérations``) as HTTP needs it."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = (parts.hostname or "").encode("idna").decode("ascii")
        netloc = host if parts.port is None else f"{host}:{parts.port}"
    path, query = quote(parts.path, safe=_SAFE), quote(parts.query, safe=_SAFE)
    return urlunsplit((parts.scheme, netloc, path, query, ""))


class HostGate:
    """Hold each host to ``per_host`` requests at a time, started ``delay`` seconds apart."""

    def __init__(
        self,
        per_host: int,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Start with no host seen."""
        self.per_host = per_host
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for a free slot on ``host`` and for its turn, then hold the slot."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with semaphore:
            with self._lock:
                start = max(self._clock(), self._next_start.get(host, 0.0))
                self._next_start[host] = start + self.delay
            wait = start - self._clock()
            if wait > 0:
                self._sleep(wait)
            yield


class _NoRedirect(HTTPRedirectHandler):
    """Hand every redirect back as an answer instead of following it."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        """Follow nothing: :meth:`_Checker.check` follows, and notes which moves are permanent."""
        return


class _Checker:
    """Check single addresses under one policy; shared by the pool's threads."""

    def __init__(self, policy: Policy) -> None:
        """Build the opener and the per-host gate all threads share."""
        self.policy = policy
        self.gate = HostGate(policy.per_host, policy.delay)
        self.opener: OpenerDirector = build_opener(_NoRedirect())

    def check(self, url: str) -> LinkResult:
        """Follow ``url`` to its last redirect and judge the answer there."""
        current, method = url, "HEAD"
        moved_to = None  # where the first unbroken run of permanent redirects leads
        permanent = True
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._ask(current, method)
            if method == "HEAD" and answer.status in REFUSED_HEAD:
                method = "GET"
                answer = self._ask(current, method)
            if answer.status not in REDIRECTS or not answer.location:
                return _judge(answer, moved_to, current if current != url else None)
            target = urljoin(current, answer.location)
            if urlsplit(target).scheme not in ("http", "https"):
                return LinkResult("broken", f"redirected to a non-web address: {target}")
            permanent = permanent and answer.status in PERMANENT
            if permanent:
                moved_to = (answer.status, target)
            current = target
        return LinkResult("broken", f"more than {MAX_REDIRECTS} redirects")

    def _ask(self, url: str, method: str) -> _Answer:
        """Send one request, again after a pause when it timed out, failed or got a 5xx."""
        attempts = self.policy.retries + 1
        for attempt in range(1, attempts + 1):
            with self.gate.slot(host_of(url)):
                answer = self._send(url, method)
            if not answer.retryable:
                return answer
            if attempt < attempts:
                time.sleep(self.policy.backoff * 2 ** (attempt - 1))
        suffix = f" ({attempts} attempts)" if attempts > 1 else ""
        return _Answer(answer.status, answer.message + suffix)

    def _send(self, url: str, method: str) -> _Answer:
        """Send one request and read only its status line and headers, never the page."""
        headers = {"User-Agent": self.policy.user_agent, "Accept": "*/*"}
        try:
            request = Request(to_uri(url), method=method, headers=headers)
            with self.opener.open(request, timeout=self.policy.timeout) as response:
                return _Answer(response.status, _status_text(response.status, response.reason))
        except HTTPError as exc:
            location = exc.headers.get("Location")
            exc.close()
            text = _status_text(exc.code, exc.reason)
            return _Answer(exc.code, text, location, retryable=exc.code in SERVER_ERRORS)
        except (URLError, OSError, http.client.HTTPException, ValueError) as exc:
            return self._failure(exc)

    def _failure(self, exc: Exception) -> _Answer:
        """Say why no answer came; only what may pass (timeouts, dropped connections) is retried."""
        reason = exc.reason if isinstance(exc, URLError) else exc
        if isinstance(reason, TimeoutError):
            return _Answer(None, f"timed out after {self.policy.timeout:g} s", retryable=True)
        if isinstance(reason, ssl.SSLError):
            text = getattr(reason, "verify_message", None) or reason.reason or str(reason)
            return _Answer(None, f"TLS error: {text}")
        if isinstance(reason, OSError | http.client.HTTPException):
            text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
            return _Answer(None, f"cannot connect: {text}", retryable=True)
        return _Answer(None, f"invalid address: {reason}")


def _judge(answer: _Answer, moved_to: tuple[int, str] | None, landed: str | None) -> LinkResult:
    """Judge the last answer; a working address that moved for good is "moved", not "ok".

    ``landed`` is where redirects led, when they did, so a broken end can be found.
    """
    if answer.status is None or answer.status not in SUCCESS:
        where = f" (redirected to {landed})" if landed else ""
        return LinkResult("broken", answer.message + where, answer.status)
    if moved_to is not None:
        status, target = moved_to
        return LinkResult("moved", f"permanent redirect ({status})", status, target)
    return LinkResult("ok", answer.message, answer.status)


def _status_text(code: int, reason: str | None) -> str:
    """Return ``404 Not Found``: the standard phrase, or the server's for a code we do not know."""
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = reason or ""
    return f"{code} {phrase}".rstrip()
