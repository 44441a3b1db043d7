"""The book builds cleanly, and every page works in a browser with no network.

The build runs once per session (all notebooks executed, warnings are errors).
Then headless Chromium opens each TOC page from file:// with every non-local
request blocked, since readers of a downloaded or self-hosted book may be offline
and the book must download nothing. Screenshots go to _build/screenshots/.
"""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "_build" / "screenshots"
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


def toc_docnames():
    """Every file in _toc.yml, root first, in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(str(Path(entry["file"]).with_suffix("")))
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return names


PAGES = toc_docnames()


def test_build_has_a_page_per_toc_entry(built_book):
    missing = [d for d in PAGES if not (built_book / f"{d}.html").is_file()]
    assert not missing, f"no HTML page for TOC entries {missing}"


def test_every_chapter_is_in_the_toc():
    """The build skips files missing from _toc.yml: a forgotten chapter would vanish."""
    chapters = {
        p.relative_to(ROOT).with_suffix("").as_posix()
        for p in (ROOT / "book").iterdir()
        if p.suffix in (".ipynb", ".md")
    }
    assert not chapters - set(PAGES), f"in book/ but not in _toc.yml: {sorted(chapters - set(PAGES))}"


def test_ci_run_is_the_readme_test_command():
    """.ci/run must run exactly what the README tells people to run."""
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    line = next(l.strip() for l in ci.splitlines() if "pytest" in l and not l.lstrip().startswith("#"))
    assert line in readme, f".ci/run runs `{line}`, which the README does not show"


# After load: wait for every image, then report the broken ones.
IMAGES_JS = """async () => {
  const imgs = [...document.images];
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.complete ? null :
      new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })));
  return imgs.filter(i => i.naturalWidth === 0).map(i => i.currentSrc || i.src);
}"""

# The html-manager draws each widget into a new div.widget-subarea that it
# inserts just before the widget's view <script>. So the run of .widget-subarea
# siblings right before a script counts how often it was drawn (scripts loaded
# twice draw twice), and a drawn view has a .jupyter-widgets element inside.
VIEWS_JS = """(sel) => [...document.querySelectorAll(sel)].map(s => {
  let drawn = 0, empty = 0;
  for (let e = s.previousElementSibling; e && e.classList.contains('widget-subarea');
       e = e.previousElementSibling) {
    if (e.querySelector('.jupyter-widgets')) drawn++; else empty++;
  }
  return [drawn, empty];
})"""


@pytest.mark.parametrize("doc", PAGES)
def test_page_in_browser_offline(built_book, browser, doc):
    problems, blocked = [], []
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def only_local(route):
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:", "http://127.0.0.1", "http://localhost")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("pageerror", lambda e: problems.append(f"JavaScript error: {e}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on(
        "requestfailed",
        lambda r: r.url not in blocked and problems.append(f"failed to load {r.url}: {r.failure}"),
    )
    try:
        page.goto((built_book / f"{doc}.html").as_uri(), wait_until="load")
        n_views = page.locator(WIDGET_VIEW).count()
        if n_views:
            try:  # rendering is asynchronous: wait until every view is drawn
                page.wait_for_function(
                    f"(sel) => ({VIEWS_JS})(sel).every(([d]) => d > 0)", arg=WIDGET_VIEW, timeout=20_000
                )
            except Exception:
                pass  # reported below with the counts
            page.wait_for_timeout(1000)  # a second, unwanted drawing would come now
        broken = page.evaluate(IMAGES_JS)
        counts = page.evaluate(VIEWS_JS, WIDGET_VIEW)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{Path(doc).name}.png"), full_page=True)
    finally:
        context.close()

    problems += [f"image failed to load: {src[:120]}" for src in broken]
    problems += [f"request to the internet blocked: {url}" for url in blocked]
    problems += [
        f"widget view {i} drawn {d} times (plus {e} empty), expected exactly once"
        for i, (d, e) in enumerate(counts)
        if (d, e) != (1, 0)
    ]
    assert not problems, f"{doc}.html:\n" + "\n".join(problems)


# --- Explorers: every control switches the figure on the static page, with no kernel.

# One explorer's state as a reader sees it: the visible frame (its alt text and a
# fingerprint of its image) and each control's label, options and current option.
EXPLORER_JS = """(i) => {
  const ex = document.querySelectorAll('.nmf-explorer')[i];
  const imgs = [...ex.querySelectorAll('img')];
  const controls = [...ex.children[0].children].map(c => {
    const label = c.querySelector('.widget-label')?.textContent.trim() ?? '';
    const select = c.querySelector('select');
    const buttons = [...c.querySelectorAll('.widget-toggle-button')];
    const handle = c.querySelector('.noUi-handle');
    if (select) return {kind: 'dropdown', label, n: select.options.length,
                        index: select.selectedIndex,
                        // ipywidgets writes a drop-down's spaces as non-breaking ones
                        text: select.options[select.selectedIndex].text.replace(/\u00a0/g, ' ')};
    if (buttons.length) {
      const index = buttons.findIndex(b => b.classList.contains('mod-active'));
      return {kind: 'toggle', label, n: buttons.length, index, text: buttons[index].textContent.trim()};
    }
    return {kind: 'slider', label, n: Number(handle.getAttribute('aria-valuemax')) + 1,
            index: Number(handle.getAttribute('aria-valuenow')),
            text: c.querySelector('.widget-readout').textContent.trim()};
  });
  const src = imgs.length === 1 ? imgs[0].src : '';
  let h = 0;
  for (let k = 0; k < src.length; k++) h = (h * 31 + src.charCodeAt(k)) | 0;
  return {n_images: imgs.length, alt: imgs.length ? imgs[0].alt : '', image: h, controls};
}"""


def move(page, i, c, state, target):
    """Move control ``c`` of explorer ``i`` to option ``target`` as a reader would."""
    control = page.locator(".nmf-explorer").nth(i).locator(":scope > .widget-hbox > *").nth(c)
    kind = state["controls"][c]["kind"]
    if kind == "dropdown":
        control.locator("select").select_option(index=target)
    elif kind == "toggle":
        control.locator(".widget-toggle-button").nth(target).click()
    else:
        handle = control.locator(".noUi-handle")
        handle.focus()
        step = target - state["controls"][c]["index"]
        for _ in range(abs(step)):
            page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")


def expected_alt_prefix(state):
    return ", ".join(f"{c['label']} {c['text']}" for c in state["controls"]) + ": "


@pytest.mark.parametrize("doc", PAGES)
def test_explorers_switch_frames_offline(built_book, browser, doc):
    """Each control of each explorer, moved to two other values (or the one other), shows
    the frame of the new setting: a new image, whose alt text names every control's value."""
    problems = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file://", "data:", "blob:")) else route.abort())
    page = context.new_page()
    page.on("pageerror", lambda e: problems.append(f"JavaScript error: {e}"))
    try:
        page.goto((built_book / f"{doc}.html").as_uri(), wait_until="load")
        n_views = page.locator(WIDGET_VIEW).count()
        if n_views:
            page.wait_for_function(
                f"(sel) => ({VIEWS_JS})(sel).every(([d]) => d > 0)", arg=WIDGET_VIEW, timeout=20_000)
        n_explorers = page.locator(".nmf-explorer").count()
        assert n_explorers == n_views, (
            f"{doc}: {n_views} widgets but {n_explorers} explorers: every widget on a page "
            "must be a kernel-free explorer (nmf_ref.book.widgets.explorer)")
        for i in range(n_explorers):
            state = page.evaluate(EXPLORER_JS, i)
            assert state["n_images"] == 1, f"explorer {i} shows {state['n_images']} frames"
            assert state["alt"].startswith(expected_alt_prefix(state)), (
                f"explorer {i}: first frame {state['alt']!r} does not match its controls")
            for c, control in enumerate(state["controls"]):
                others = [j for j in range(control["n"]) if j != control["index"]]
                for target in sorted({others[0], others[-1]}) if others else []:
                    before = state
                    move(page, i, c, state, target)
                    page.wait_for_function(
                        f"([i, h]) => ({EXPLORER_JS})(i).image !== h",
                        arg=[i, before["image"]], timeout=5_000)
                    state = page.evaluate(EXPLORER_JS, i)
                    where = f"explorer {i}, {control['label']!r} → option {target}"
                    assert state["controls"][c]["index"] == target, where
                    assert state["n_images"] == 1, where
                    assert state["alt"].startswith(expected_alt_prefix(state)), (
                        f"{where}: the frame says {state['alt']!r}")
            if i == 0:
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.locator(".nmf-explorer").first.screenshot(
                    path=str(SHOTS / f"explorer-{Path(doc).name}.png"))
    finally:
        context.close()
    assert not problems, problems


PAGE_BUDGET_MB = 5  # a page with its images: explorers' frames are inside the HTML
SITE_BUDGET_MB = 120


def page_weight(html_file):
    """Bytes of the page and of the local images it loads (data: URIs are in the page)."""
    import re

    text = html_file.read_text()
    images = {src for src in re.findall(r'<img[^>]*?src="([^"]+)"', text)
              if not src.startswith(("data:", "http:", "https:"))}
    return len(text.encode()) + sum((html_file.parent / src).stat().st_size for src in images
                                    if (html_file.parent / src).is_file())


def test_pages_and_site_stay_within_their_weight(built_book):
    heavy = {doc: round(page_weight(built_book / f"{doc}.html") / 2**20, 1) for doc in PAGES}
    over = {doc: mb for doc, mb in heavy.items() if mb > PAGE_BUDGET_MB}
    assert not over, f"pages over {PAGE_BUDGET_MB} MB: {over}"
    site = sum(p.stat().st_size for p in built_book.rglob("*") if p.is_file()) / 2**20
    assert site <= SITE_BUDGET_MB, f"the site weighs {site:.0f} MB"
