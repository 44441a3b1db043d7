"""The book builds cleanly, and every page works in a browser with no network.

The build runs once per session (all notebooks executed, warnings are errors).
Then headless Chromium opens each TOC page from file:// with every non-local
request blocked, since readers of a downloaded or self-hosted book may be offline
and the book must download nothing. Screenshots go to _build/screenshots/.
"""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
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
