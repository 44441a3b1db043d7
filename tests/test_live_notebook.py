"""The widgets work live: JupyterLab in headless Chromium, chapter 2 run from top to
bottom, the rank slider moved, and the figure redrawn.

JupyterLab starts on a free local port with a random token and everything it
would fetch from the internet (news, update checks) turned off; every request
that does not go to that port is blocked. Screenshots: _build/screenshots/live-*.png.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "_build" / "screenshots"
CHAPTER = "book/02_worked_example.ipynb"
pytestmark = pytest.mark.book


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("jupyter")  # no settings or workspaces of the user's
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--ServerApp.port_retries=0", "--allow-root",  # CI runs as root
           "--LabApp.expose_app_in_browser=True"]  # window.jupyterapp: run commands
    # Render every cell, not only those in view (JupyterLab 4 windows long notebooks),
    # so the test can find the widget wherever the chapter puts it.
    tracker = home / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(home / "lab.log", "w"))
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):  # JupyterLab takes a few seconds to start
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab exited: {(home / 'lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within a minute")
        yield url, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


RUN_ALL = """async () => {
  const app = window.jupyterapp;
  await app.restored;
  let panel;
  while (!(panel = app.shell.currentWidget) || !panel.sessionContext) {
    await new Promise(r => setTimeout(r, 200));
  }
  await panel.context.ready;
  await panel.sessionContext.ready;
  await app.commands.execute('notebook:run-all-cells');
}"""


def figure(page):
    """The src of the figure the explorer drew (a base64 PNG), or None before it is drawn."""
    images = page.locator(".widget-interact .jp-OutputArea-output img")
    return images.first.get_attribute("src") if images.count() else None


def test_chapter_2_runs_live_and_the_rank_slider_redraws(lab, browser):
    url, token = lab
    problems, blocked = [], []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                  else (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda e: problems.append(f"JavaScript error: {e}"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(f"{url}/lab/tree/{CHAPTER}?token={token}&reset")
        page.wait_for_function("() => window.jupyterapp", timeout=60_000)
        page.evaluate(RUN_ALL)  # what Run → Run All Cells does, once the kernel is ready
        slider = page.locator(".widget-interact .widget-slider", has_text="rank r").first
        slider.wait_for(timeout=90_000)
        page.wait_for_function(
            "() => document.querySelector('.widget-interact .jp-OutputArea-output img')",
            timeout=60_000)
        before = figure(page)
        handle = slider.locator(".noUi-handle")
        assert float(handle.get_attribute("aria-valuenow")) == 2  # the chapter's default rank
        slider.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "live-02-before.png"))
        handle.focus()
        page.keyboard.press("ArrowLeft")  # rank 2 → 1; the explorer redraws on release
        page.wait_for_function(
            "(old) => { const i = document.querySelector("
            "'.widget-interact .jp-OutputArea-output img'); return i && i.src !== old; }",
            arg=before, timeout=60_000)
        assert float(handle.get_attribute("aria-valuenow")) == 1
        after = figure(page)
        page.screenshot(path=str(SHOTS / "live-02-after.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / "live-02-failed.png"), full_page=True)
        raise
    finally:
        context.close()
    assert before and after and after != before
    assert not problems, problems
    assert not blocked, f"JupyterLab tried the internet: {blocked[:5]}"
