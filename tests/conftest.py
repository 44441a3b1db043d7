"""Fixtures shared by the browser tests (the static pages, and the live notebooks)."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright downloads no browser here


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",  # CI runs as root, where the sandbox cannot start
                "--disable-gpu",
                # Keep Chromium itself from calling home; the page's own
                # requests are checked by the route below.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()
