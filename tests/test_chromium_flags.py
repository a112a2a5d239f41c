"""The browser tests' Chromium keeps every feature Playwright turns off, and drops the omnibox popups.

Chromium reads only the last `--disable-features` it is given, so the one in tests/browser.py
replaces Playwright's own: it must repeat Playwright's list, or an upgrade of Playwright would
turn a feature back on without a word. Playwright's list is read from the installed driver.
One test asks the running Chromium which pages it holds: a new context gets the test's page,
not the address bar's popups as well.
"""

from __future__ import annotations

import re
from pathlib import Path

import playwright
from browser import DISABLED_FEATURES
from playwright.sync_api import Browser

DRIVER_BUNDLE = Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"


def playwrights_disabled_features() -> list[str]:
    """The `disabledFeatures` list of playwright-core's chromiumSwitches.ts, as bundled in the installed driver."""
    bundle = DRIVER_BUNDLE.read_text(encoding="utf-8")
    found = re.search(r"disabledFeatures = \[(.*?)\]", bundle, re.DOTALL)
    assert found, f"no disabledFeatures list in {DRIVER_BUNDLE}: read Playwright's chromiumSwitches.ts again"
    code = "\n".join(line.split("//", 1)[0] for line in found.group(1).splitlines())
    return re.findall(r'"([A-Za-z0-9]+)"', code)


def test_every_feature_playwright_turns_off_stays_off() -> None:
    theirs = playwrights_disabled_features()
    assert len(theirs) >= 10, theirs
    missing = sorted(set(theirs) - set(DISABLED_FEATURES))
    assert not missing, f"add to DISABLED_FEATURES in tests/browser.py: {missing}"


def test_a_new_context_holds_only_the_page_it_opens(browser: Browser) -> None:
    session = browser.new_browser_cdp_session()
    context = browser.new_context()
    try:
        context.new_page().goto("about:blank")
        targets = session.send("Target.getTargets")["targetInfos"]
    finally:
        context.close()
        session.detach()
    assert [target["url"] for target in targets if target["url"].startswith("chrome://")] == []
