"""A strict Content-Security-Policy on every page (#25), online, under `mkdocs serve` and from a folder.

Every page carries its policy first in `<head>`: scripts from the site itself and, inline,
only those the page was built with, each named by its hash; no plugin, no `<base>`, no
inline style or event handler, nothing from another host. The static tests read every
built page and recompute each hash from what the page inlines; the browser tests use
every kind of page in Debian's Chromium and fail on any violation the policy reports.
The offline copy's own tour is in test_offline.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import open_and_mark, policy_violations, still_marked, watch_policy
from conftest import ROOT, BuildResult, fixture_text, make_project
from html_reading import elements, parse
from playwright.sync_api import Browser, Page
from site_tour import POLICY_TOUR, built_pages, use_builder
from test_serve_reload import started, stop

from fai_site.pages.security_policy import HEADERS, HEADERS_FILE, inline_scripts, script_hash

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def test_every_page_carries_its_policy_before_any_script(built_site: BuildResult) -> None:
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = POLICY_META.findall(html)
        assert len(found) == 1, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        policy = directives(found[0])
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], page
        assert {sources[0] for sources in policy.values()} <= {"'self'", "'none'"}, page
        assert not any("unsafe" in source for sources in policy.values() for source in sources), page
        hashes = {source for source in policy["script-src"] if source.startswith("'sha256-")}
        assert hashes == {script_hash(text) for text in inline_scripts(html)}, page


def test_every_page_has_the_same_policy(built_site: BuildResult) -> None:
    """Instant navigation adds a head element the next page has and this one has not: one policy is never added to."""
    policies = {
        POLICY_META.search(page.read_text(encoding="utf-8"))["policy"] for page in built_site.site.rglob("*.html")
    }  # type: ignore[index]
    assert len(policies) == 1, policies


def test_the_policy_hashes_the_scripts_as_the_browser_reads_them(built_site: BuildResult) -> None:
    """The hashes are made from the finished page: each names one of its inline scripts, byte for byte."""
    html = built_site.page("index.html")
    scripts = inline_scripts(html)
    assert len(scripts) >= 2 and all("__md" in text or "document" in text for text in scripts)
    for text in scripts:
        assert re.search(r"<script[^>]*>" + re.escape(text) + "</script>", html)


def test_no_page_has_an_inline_handler_style_or_script_address(built_site: BuildResult) -> None:
    found = []
    for path, tree in built_pages(built_site.site):
        for element in tree.iter():
            tag = str(element.tag).rsplit("}", 1)[-1]
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            addresses = [
                name
                for name in ("href", "src", "action", "formaction")
                if (element.get(name) or "").strip().lower().startswith("javascript:")
            ]
            if handlers or addresses or "style" in element.attrib or tag in {"style", "base"}:
                found.append(f"{path}: <{tag}> {handlers + addresses + list(element.attrib)[:3]}")
    assert not found, "\n".join(found[:20])


def test_the_headers_file_keeps_the_site_out_of_other_sites_frames(built_site: BuildResult) -> None:
    lines = (built_site.site / HEADERS_FILE).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "/*"
    sent = dict(line.strip().split(": ", 1) for line in lines[1:])
    assert sent == HEADERS
    assert "frame-ancestors 'none'" in sent["Content-Security-Policy"]
    assert sent["X-Content-Type-Options"] == "nosniff" and sent["Referrer-Policy"] == "no-referrer"
    meta = [
        el.get("content")
        for el in elements(parse(built_site.page("index.html")), "meta")
        if el.get("name") == "referrer"
    ]
    assert meta == [sent["Referrer-Policy"]], "the same referrer policy where no header can be set"


@pytest.mark.browser
@pytest.mark.parametrize("kind", POLICY_TOUR)
def test_no_page_breaks_its_policy_online(browser: Browser, site_server: str, kind: str) -> None:
    path, use = POLICY_TOUR[kind]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        messages = watch_policy(page)
        page.goto(site_server + path, wait_until="networkidle")
        page.wait_for_function("() => window.document$ !== undefined")
        use(page)
        page.wait_for_timeout(300)
        assert page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]') !== null")
        assert not policy_violations(page, messages)
    finally:
        context.close()


@pytest.mark.browser
def test_instant_navigation_keeps_one_policy(instant_page: Page, site_server: str) -> None:
    """Material swaps pages in without loading them: the policy the first page brought is the only one, and holds."""
    messages = watch_policy(instant_page)
    open_and_mark(instant_page, f"{site_server}what-is-hip-impingement/")
    menu = instant_page.locator(".md-sidebar--primary")
    menu.get_by_role("link", name="Make your own handout").click()
    instant_page.wait_for_url("**/handouts/builder/")
    use_builder(instant_page)
    instant_page.locator(".fai-builder__add").first.click()
    instant_page.get_by_role("link", name="Start this program").click()
    instant_page.wait_for_url("**/program/")
    instant_page.wait_for_function("() => document.querySelectorAll('.fai-companion__exercise').length > 0")
    assert still_marked(instant_page), "the pages were swapped in, not loaded"
    assert instant_page.locator('head meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert not policy_violations(instant_page, messages)


@pytest.mark.browser
def test_mkdocs_serve_keeps_the_policy_and_its_live_reload(
    browser: Browser, tmp_path: Path, site_engines: dict[str, list[str]]
) -> None:
    """The server adds a live-reload script to each page as it sends it: the policy it sends allows that one too."""
    server = started(site_engines["mkdocs"], make_project(tmp_path, fixture_text("pictured.yaml")), tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        messages = watch_policy(page)
        reloads: list[str] = []
        page.on("console", lambda message: reloads.append(message.text) if "live reload" in message.text else None)
        for path in ("", "handouts/builder/?exercises=glute-bridge", "program/#x=glute-bridge"):
            page.goto(server.url + path, wait_until="load")
            page.wait_for_function("() => document.querySelector('[data-md-component=content]') !== null")
        page.wait_for_timeout(300)
        assert len(reloads) == 3, "the live-reload script ran on every page"
        assert not policy_violations(page, messages)
    finally:
        context.close()
        stop(server.process)


def test_the_readme_gives_each_host_the_same_headers() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, value in HEADERS.items():
        assert f"  {name}: {value}\n" in readme, name
        assert f'add_header {name} "{value}" always;' in readme, name
        assert f'Header always set {name} "{value}"' in readme, name
