"""Asking servers about addresses: answers, retries, HEAD refused, redirects, politeness.

Every request goes to the local server of ``tests/linkserver.py``, never to the network.
"""

from __future__ import annotations

import socket
import time

import pytest

from generator.tools.linkcheck import (
    USER_AGENT,
    HostGate,
    LinkResult,
    Policy,
    check_urls,
    host_of,
    to_uri,
)

#: Quick enough for tests: no pause between requests, short backoff, half a second's patience.
FAST = Policy(jobs=8, per_host=8, delay=0.0, timeout=0.5, retries=2, backoff=0.01)


def check_one(server, path: str, policy: Policy = FAST) -> LinkResult:
    url = server.url(path)
    return check_urls([url], policy)[url]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/ok", LinkResult("ok", "200 OK", 200)),
        ("/temporary", LinkResult("ok", "200 OK", 200)),
        ("/missing", LinkResult("broken", "404 Not Found", 404)),
        ("/gone", LinkResult("broken", "410 Gone", 410)),
        ("/error", LinkResult("broken", "500 Internal Server Error (3 attempts)", 500)),
        ("/loop", LinkResult("broken", "more than 10 redirects")),
    ],
)
def test_each_answer_gives_its_result(link_server, path, expected):
    assert check_one(link_server, path) == expected


def test_a_permanent_redirect_is_a_move_to_its_new_location(link_server):
    assert check_one(link_server, "/moved") == LinkResult(
        "moved", "permanent redirect (301)", 301, link_server.url("/ok")
    )
    # Through two permanent moves, the new location is the last one.
    assert check_one(link_server, "/moved-twice").location == link_server.url("/ok")
    # A temporary hop after a permanent one: the page moved for good to where the hop starts.
    assert check_one(link_server, "/moved-then-temporary").location == link_server.url("/temporary")


def test_a_redirect_to_a_broken_page_says_where_it_led(link_server):
    assert check_one(link_server, "/moved-to-missing") == LinkResult(
        "broken", f"404 Not Found (redirected to {link_server.url('/missing')})", 404
    )


def test_a_server_error_is_retried_and_a_client_error_is_not(link_server):
    check_urls([link_server.url("/error"), link_server.url("/missing")], FAST)
    assert link_server.count("/error") == 3
    assert link_server.count("/missing") == 1
    assert link_server.count("/missing", "GET") == 0


@pytest.mark.parametrize("path", ["/no-head", "/forbidden-head"])
def test_a_server_that_refuses_head_is_asked_with_get(link_server, path):
    assert check_one(link_server, path) == LinkResult("ok", "200 OK", 200)
    assert (link_server.count(path, "HEAD"), link_server.count(path, "GET")) == (1, 1)


def test_only_head_is_sent_to_a_server_that_accepts_it(link_server):
    check_one(link_server, "/ok")
    assert (link_server.count("/ok", "HEAD"), link_server.count("/ok", "GET")) == (1, 0)


def test_a_request_that_times_out_is_retried_then_reported(link_server):
    policy = Policy(timeout=0.5, retries=1, backoff=0.01, delay=0.0)
    started = time.monotonic()
    result = check_one(link_server, "/slow", policy)
    assert result == LinkResult("broken", "timed out after 0.5 s (2 attempts)")
    assert link_server.count("/slow") == 2
    assert time.monotonic() - started < 3


def test_a_refused_connection_is_retried_then_reported():
    with socket.socket() as probe:  # a port that was free a moment ago, with no one listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    assert check_urls([url], FAST)[url] == LinkResult(
        "broken", "cannot connect: Connection refused (3 attempts)"
    )


def test_no_more_than_per_host_requests_reach_one_host_at_once(link_server):
    urls = [link_server.url(f"/pause?n={n}") for n in range(6)]
    policy = Policy(jobs=6, per_host=2, delay=0.0, timeout=2.0)
    results = check_urls(urls, policy)
    assert {r.outcome for r in results.values()} == {"ok"}
    assert link_server.max_active == 2


def test_the_jobs_limit_holds_across_hosts(link_server):
    urls = [link_server.url(f"/pause?n={n}") for n in range(3)]
    check_urls(urls, Policy(jobs=1, per_host=2, delay=0.0, timeout=2.0))
    assert link_server.max_active == 1


def test_requests_to_one_host_start_a_delay_apart(link_server):
    urls = [link_server.url(f"/ok?n={n}") for n in range(4)]
    check_urls(urls, Policy(jobs=4, per_host=2, delay=0.1, timeout=2.0))
    starts = sorted(link_server.starts)
    assert len(starts) == 4
    # Three gaps of 0.1 s, less some slack for when the server saw each request arrive.
    assert starts[-1] - starts[0] >= 0.25


def test_each_address_is_asked_once_and_named_by_the_user_agent(link_server):
    url = link_server.url("/ok")
    assert list(check_urls([url, url, url], FAST)) == [url]
    assert link_server.count("/ok") == 1
    assert link_server.user_agents == {USER_AGENT}
    assert "rus-us-chronology" in USER_AGENT


def test_the_gate_spaces_the_starts_on_one_host_only():
    now = [0.0]
    waits: list[float] = []
    gate = HostGate(per_host=2, delay=0.5, clock=lambda: now[0], sleep=waits.append)
    for host in ("a.example", "a.example", "b.example", "a.example"):
        with gate.slot(host):
            pass
    assert waits == [0.5, 1.0]


def test_addresses_with_non_ascii_letters_are_encoded():
    assert to_uri("https://french.presstv.ir/Detail/2016/s'accordent-à-mener?q=é ü#x") == (
        "https://french.presstv.ir/Detail/2016/s'accordent-%C3%A0-mener?q=%C3%A9%20%C3%BC"
    )
    assert to_uri("https://пример.испытание:8080/a%20b") == (
        "https://xn--e1afmkfd.xn--80akhbyknj4f:8080/a%20b"
    )


def test_the_host_is_the_name_without_port_or_case():
    assert host_of("https://WWW.Example.org:8443/x") == "www.example.org"
