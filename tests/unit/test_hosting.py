"""Headers and not-found pages for each host, from the settings the pages use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pelican.writers import Writer

from generator.content.problems import ConfigError
from generator.site.generators.headers import HeadersGenerator
from generator.site.hosting import (
    IMMUTABLE,
    HostPolicy,
    apache_snippet,
    headers_file,
    host_policy,
    nginx_snippet,
    not_found_file,
    pattern_regex,
)
from tests.factories import make_generator

CSP = "default-src 'none'; script-src 'self'"
SETTINGS: dict[str, Any] = {
    "CONTENT_SECURITY_POLICY": CSP,
    "REFERRER_POLICY": "strict-origin-when-cross-origin",
    "SITEURL": "",
    "I18N_SUBSITES": {"fr": {}},
    "TIMELINE_SEARCH": True,
    "DIRECT_TEMPLATES": ["index", "search", "404"],
    "DEFAULT_LANG": "en",
}


def policy(**overrides: Any) -> HostPolicy:
    return host_policy({**SETTINGS, **overrides})


def rules(text: str) -> dict[str, dict[str, str]]:
    """Read a ``_headers`` file as Netlify and Cloudflare do: a path, then indented headers."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            current = found.setdefault(line, {})
        else:
            assert line.startswith("  "), line
            name, value = line.strip().split(": ", 1)
            assert name not in current, f"{name} twice for one path"
            current[name] = value
    return found


@pytest.mark.parametrize("csp", [CSP, f"{CSP};", f"  {CSP} ; "])
def test_the_header_policy_is_the_settings_policy_with_framing_forbidden(csp: str):
    assert policy(CONTENT_SECURITY_POLICY=csp).content_security_policy == (
        f"{CSP}; frame-ancestors 'none'"
    )


@pytest.mark.parametrize("key", ["CONTENT_SECURITY_POLICY", "REFERRER_POLICY"])
@pytest.mark.parametrize("value", [None, "", 3])
def test_a_missing_or_empty_policy_is_a_configuration_error(key: str, value: Any):
    with pytest.raises(ConfigError) as caught:
        policy(**{key: value})
    assert str(caught.value) == f"{key}: expected a non-empty string, got {value!r}"


def test_every_path_gets_the_policy_and_only_hashed_files_a_cache_lifetime():
    found = rules(headers_file(policy()))
    assert found == {
        "/*": {
            "Content-Security-Policy": f"{CSP}; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
        },
        "/pagefind/fragment/*": {"Cache-Control": IMMUTABLE},
        "/pagefind/index/*": {"Cache-Control": IMMUTABLE},
        "/pagefind/filter/*": {"Cache-Control": IMMUTABLE},
        "/pagefind/*.pf_meta": {"Cache-Control": IMMUTABLE},
    }


def test_without_search_there_is_no_bundle_to_cache():
    assert list(rules(headers_file(policy(TIMELINE_SEARCH=False)))) == ["/*"]
    assert "immutable" not in nginx_snippet(policy(TIMELINE_SEARCH=False))
    assert "immutable" not in apache_snippet(policy(TIMELINE_SEARCH=False))


def test_a_site_below_a_path_has_its_rules_there():
    found = rules(headers_file(policy(SITEURL="https://example.org/chronology/")))
    assert list(found)[:2] == ["/chronology/*", "/chronology/pagefind/fragment/*"]
    assert "error_page 404 /chronology/fr/404.html;" in nginx_snippet(
        policy(SITEURL="https://example.org/chronology")
    )


@pytest.mark.parametrize(
    ("pattern", "regex"),
    [
        ("/pagefind/index/*", "^/pagefind/index/"),
        ("/pagefind/*.pf_meta", r"^/pagefind/.*\.pf_meta$"),
        ("/fr/*", "^/fr/"),
        ("/404.html", r"^/404\.html$"),
    ],
)
def test_patterns_become_the_regular_expressions_servers_take(pattern: str, regex: str):
    assert pattern_regex(pattern) == regex


@pytest.mark.parametrize(
    ("path", "immutable"),
    [
        ("/pagefind/fragment/en_1059a22.pf_fragment", True),
        ("/pagefind/index/fr_8c19a2b.pf_index", True),
        ("/pagefind/filter/en_59559c9.pf_filter", True),
        ("/pagefind/pagefind.en_3c8311bfd0.pf_meta", True),
        ("/pagefind/pagefind.js", False),
        ("/pagefind/pagefind-entry.json", False),
        ("/pagefind/wasm.en.pagefind", False),
        ("/pagefind/pagefind-ui.css", False),
        ("/theme/css/site.css", False),
        ("/events/offer/", False),
    ],
)
def test_only_content_hashed_bundle_files_match(path: str, immutable: bool):
    patterns = policy().immutable_patterns()
    assert any(re.search(pattern_regex(p), path) for p in patterns) is immutable


def test_nginx_sends_every_header_and_each_languages_not_found_page():
    text = nginx_snippet(policy())
    assert f"""add_header Content-Security-Policy "{CSP}; frame-ancestors 'none'" always;""" in text
    assert 'add_header X-Content-Type-Options "nosniff" always;' in text
    assert 'add_header Referrer-Policy "strict-origin-when-cross-origin" always;' in text
    assert f'"~^/pagefind/index/" "{IMMUTABLE}";' in text
    assert "    error_page 404 /404.html;\n    location /fr/ {\n" in text
    assert "        error_page 404 /fr/404.html;\n" in text


def test_apache_sends_one_cache_control_and_each_languages_not_found_page():
    lines = apache_snippet(policy()).splitlines()
    caching = [line for line in lines if "Cache-Control" in line]
    assert len(caching) == 2
    assert "=~ m#^/pagefind/fragment/|" in caching[0] and IMMUTABLE in caching[0]
    assert caching[1].replace("!~", "=~").replace("max-age=0, must-revalidate", "") == (
        caching[0].replace("max-age=31536000, immutable", "")
    )
    assert "ErrorDocument 404 /404.html" in lines
    start = lines.index('<If "%{REQUEST_URI} =~ m#^/fr/#">')
    assert lines[start + 1 : start + 3] == ["    ErrorDocument 404 /fr/404.html", "</If>"]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "404.html"),
        ({"404_SAVE_AS": "errors/404.html"}, "errors/404.html"),
        ({"DIRECT_TEMPLATES": ["index"]}, None),
        ({"404_SAVE_AS": ""}, None),
    ],
)
def test_the_not_found_file_follows_pelicans_direct_template_rule(overrides, expected):
    assert not_found_file({**SETTINGS, **overrides}) == expected


def generator(lang: str = "en") -> HeadersGenerator:
    """The generator as Pelican makes it, for one language's run."""
    return make_generator(HeadersGenerator, {**SETTINGS, "DEFAULT_LANG": lang})


def test_the_main_run_writes_the_file_and_the_french_run_nothing(tmp_path: Path):
    generator("fr").generate_output(Writer(str(tmp_path), {}))
    assert list(tmp_path.iterdir()) == []
    generator().generate_output(Writer(str(tmp_path), {}))
    assert (tmp_path / "_headers").read_text(encoding="utf-8") == headers_file(policy())


def test_the_page_planner_is_not_given_the_file():
    planned = list(generator().planned_pages())
    assert planned == []


def test_a_site_without_a_not_found_page_gets_no_error_page_rule():
    hosting = policy(DIRECT_TEMPLATES=["index", "search"])
    assert hosting.not_found_page() is None
    assert hosting.subsite_not_found_pages() == []
    assert "error_page" not in nginx_snippet(hosting)
    assert "ErrorDocument" not in apache_snippet(hosting)
