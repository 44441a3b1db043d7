"""The widgets work live: JupyterLab in headless Chromium runs chapter 2's explorer, the
rank slider is moved, and the frame of the new rank is shown.

The notebook holds only the explorer and the matrix it factors (written by the test
into _build/live/), not the whole chapter: nbval and the book build already run
chapter 2, and no chapter runs more than twice per test run (tests/book/test_executions.py).

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

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "_build" / "screenshots"
NOTEBOOK = "_build/live/explorer.ipynb"
CELLS = ["import numpy as np\nfrom nmf_ref.book import widgets\n\n"
         "X = np.arange(1.0, 13.0).reshape(3, 4)  # the matrix of chapter 2",
         "explorer = widgets.factorization_explorer(X)  # chapter 2's explorer\nexplorer"]
pytestmark = pytest.mark.book


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    notebook = ROOT / NOTEBOOK
    notebook.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS],
                                            metadata={"kernelspec": {"name": "python3",
                                                                     "display_name": "Python 3",
                                                                     "language": "python"}}),
                   notebook)
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
    """The visible frame of the explorer: its alt text and src, or None before it is drawn."""
    image = page.locator(".nmf-explorer img")
    return (image.first.get_attribute("alt"), image.first.get_attribute("src")) if image.count() else None


def test_chapter_2_explorer_runs_live_and_the_rank_slider_shows_its_frame(lab, browser):
    url, token = lab
    problems, blocked = [], []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                  else (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda e: problems.append(f"JavaScript error: {e}"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(f"{url}/lab/tree/{NOTEBOOK}?token={token}&reset")
        page.wait_for_function("() => window.jupyterapp", timeout=60_000)
        page.evaluate(RUN_ALL)  # what Run → Run All Cells does, once the kernel is ready
        slider = page.locator(".nmf-explorer .widget-slider", has_text="rank r").first
        slider.wait_for(timeout=90_000)
        page.wait_for_function("() => document.querySelector('.nmf-explorer img')",
                               timeout=60_000)
        before = figure(page)
        handle = slider.locator(".noUi-handle")
        assert float(handle.get_attribute("aria-valuenow")) == 1  # index 1: rank 2, the default
        assert before[0].startswith("rank r 2, init random, solver cd: ")
        slider.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "live-02-before.png"))
        handle.focus()
        page.keyboard.press("ArrowLeft")  # rank 2 → 1: the frame of rank 1 is shown
        page.wait_for_function(
            "(old) => { const i = document.querySelector('.nmf-explorer img');"
            " return i && i.src !== old; }", arg=before[1], timeout=60_000)
        assert float(handle.get_attribute("aria-valuenow")) == 0
        after = figure(page)
        page.screenshot(path=str(SHOTS / "live-02-after.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / "live-02-failed.png"), full_page=True)
        raise
    finally:
        context.close()
    assert after[0].startswith("rank r 1, init random, solver cd: ")
    assert "rank 1: ‖X − WH‖/‖X‖" in after[0] and after[1] != before[1]
    assert not problems, problems
    assert not blocked, f"JupyterLab tried the internet: {blocked[:5]}"
