"""Fixtures shared by the tests of the whole book: the built book, and a browser."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"

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


@pytest.fixture(scope="session")
def built_book():
    """Build the book once into _build/html, as the README's build command does."""
    vendor = subprocess.run([str(ROOT / ".ci" / "vendor-js")], cwd=ROOT, capture_output=True, text=True)
    if vendor.returncode:
        pytest.fail(f"cannot copy the pages' JavaScript: {vendor.stderr.strip()}", pytrace=False)
    jb = Path(sys.executable).parent / "jupyter-book"
    # --all: an incremental build would not repeat warnings of unchanged pages.
    cmd = [str(jb), "build", ".", "-W", "-n", "--keep-going", "--all"]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    log = res.stdout + res.stderr
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "build.log").write_text(log)
    if res.returncode != 0 or "build succeeded" not in log:
        pytest.fail(f"`{' '.join(cmd[1:])}` failed (full log: _build/build.log):\n{log[-4000:]}", pytrace=False)
    return HTML
