"""nmf_ref.book.grading and .sandbox: `grade` on a tiny course (tests/data/classroom),
one student per attack of issue 22, all graded in one run; and, without executing
them, that every chapter of the book is gradable."""

import csv
import os
import time
from pathlib import Path

import nbformat
import pytest

from nmf_ref.book import classroom, grading, sandbox

TINY = Path(__file__).resolve().parents[1] / "data" / "classroom"
KEY = TINY / "03_tiny.ipynb"
FULL = {"ex-t-loss": 2.0, "ex-t-rescale": 2.0, "ex-t-nonconvex": 2.0, "ex-t-unique": 1.0}
ZERO = dict.fromkeys(FULL, 0.0)
LIMIT = 10  # seconds per notebook


def student(answers=None, before=(), after=(), check=None):
    """The tiny chapter in the student's form: the key's answer cells, or the stub where
    ``answers[label]`` is None, or the code ``answers[label]``; ``before`` / ``after``
    are code cells added at the start / the end; ``check(cells)`` may edit the cells."""
    nb = classroom.student_source(classroom.mark(nbformat.read(KEY, as_version=4)))
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        label = gid.removesuffix("-answer")
        if gid.endswith("-answer") and answers is not None and label in answers:
            code = answers[label]
            cell.source = classroom.STUB if code is None else code
    nb.cells[1:1] = [nbformat.v4.new_code_cell(c) for c in before]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in after]
    if check:
        check(nb.cells)
    return nbformat.writes(nb)


UNTOUCHED = dict.fromkeys(FULL)
PATCHES = """
import builtins, numpy as np
import nmf_ref.book.exercises._common as common
for name in dir(exercises):
    if name.startswith("check_"):
        setattr(exercises, name, lambda *a, **k: print("Correct: sure"))
common._require = lambda *a, **k: None
np.isclose = lambda *a, **k: True
np.allclose = lambda *a, **k: True
builtins.exercises = exercises
get_ipython().input_transformers_cleanup.append(lambda lines: ["pass\\n"])
"""
FAKES = {
    "ex-t-loss": None,
    "ex-t-rescale": "class A(float):\n    def __eq__(self, o): return True\nanswer = (A(1), A(2))",
    "ex-t-nonconvex": "class F(float):\n    def __float__(self): return 4.0\n"
                      "answer = ((F(1), F(1)), (F(2), F(2)))",
    "ex-t-unique": "class S(str):\n    def __eq__(self, o): return True\n"
                   "    def lower(self): return self\n    def strip(self, *a): return self\n"
                   "answer = S('z')",
}
KEY_READER = """
import re, nmf_ref
from pathlib import Path
text = (Path(nmf_ref.__file__).parent / "book" / "exercises" / "ch03.py").read_text()
found = re.findall(r'_choice\\(answer, "(\\w)"', text)  # "c" in the real checker
answer = found[0] if found else None
"""
SOURCE_READER = """
import json
from pathlib import Path
for up in ("..", "../..", "../../.."):  # where nbgrader kept the instructor's notebooks
    for pattern in ("*.ipynb", "*/*.ipynb", "source/*/*.ipynb", "source/*.ipynb"):
        for path in Path(up).glob(pattern):
            try:
                cells = json.loads(path.read_text())["cells"]
            except Exception:
                continue
            for cell in cells:
                if cell["cell_type"] == "code" and "exercises." not in "".join(cell["source"]):
                    try:
                        exec("".join(cell["source"]), globals())
                    except Exception:
                        pass
"""
STOLEN = {"ex-t-loss": "answer = half_frobenius", "ex-t-rescale": "answer = (W3, H3)",
          "ex-t-nonconvex": "answer = (p4, q4)", "ex-t-unique": "answer = unique_answer"}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade every student below in one run; return ``(rows by student, csv path, seconds,
    the folder)``."""
    tmp = tmp_path_factory.mktemp("grading")
    subs, out = tmp / "subs", tmp / "scores.csv"
    victim = subs / "z-victim" / "03_tiny.ipynb"
    guard = tmp / "guarded"  # stands for the installed package, writable as on a laptop
    guard.mkdir()
    (guard / "ch03.py").write_text("def check(): ...\n")
    os.chmod(guard, 0o777)
    os.chmod(guard / "ch03.py", 0o666)
    stamp = tmp / "late"
    submissions = {
        "honest": student(),
        "untouched": student(UNTOUCHED),
        "1-patcher": student(UNTOUCHED, before=[PATCHES]),
        "2-fakes": student(FAKES),
        "2-key-reader": student({**UNTOUCHED, "ex-t-unique": KEY_READER}),
        "3-source-reader": student(STOLEN, before=[SOURCE_READER]),
        "4-score-writer": student(UNTOUCHED, before=[
            "from pathlib import Path\n"
            "Path('../../../gradebook.db').write_text('99')\n"
            "import glob, json\n"
            "for d in glob.glob('/tmp/**/answers', recursive=True) + ['answers']:\n"
            "    for label in %r:\n"
            "        try: Path(d, label + '.json').write_text(json.dumps({'score': 99}))\n"
            "        except OSError: pass" % list(FULL)]),
        "5-overwriter": student(UNTOUCHED, before=[
            f"open({str(victim)!r}, 'w').write({student(UNTOUCHED)!r})"]),
        "6-detacher": student(UNTOUCHED, before=[
            "import subprocess\n"
            f"subprocess.Popen(['sh', '-c', 'sleep 4; echo cheat,03_tiny,ex-t-loss,99,2, >> "
            f"{out}; touch {stamp}'], start_new_session=True)"]),
        "7-disk-patcher": student(UNTOUCHED, before=[
            "import nmf_ref, os\nfrom pathlib import Path\n"
            "for p in [*Path(nmf_ref.__file__).parent.rglob('*'), Path(nmf_ref.__file__).parent]:\n"
            "    os.chmod(p, 0o777)\n"
            "p = Path(nmf_ref.__file__).parent / 'book' / 'exercises' / 'ch03.py'\n"
            "p.write_text(p.read_text().replace(\"raise RuntimeError('checked by the grader')\", 'pass'))\n"]),
        "[A-Z]*": student(),
        "9-staller": student({"ex-t-nonconvex": "import time\ntime.sleep(295)",
                              "ex-t-unique": "import time\ntime.sleep(295)"}),
        "mistakes": student(after=["import os\nos._exit(1)"], check=lambda cells: [
            cells.remove(next(c for c in cells if c.metadata.get("nbgrader", {}).get(
                "grade_id") == "ex-t-unique")),
            setattr(next(c for c in cells if c.metadata.get("nbgrader", {}).get(
                "grade_id") == "ex-t-rescale"), "source", "print('skip')"),
            cells.append(nbformat.v4.new_code_cell(next(c for c in cells if c.metadata.get(
                "nbgrader", {}).get("grade_id") == "ex-t-nonconvex").source, metadata={
                    "nbgrader": {"grade_id": "ex-t-nonconvex"}}))]),
        "state-changer": student({"ex-t-rescale": "W, H = np.ones((2, 2)), np.full((2, 2), 0.5)"
                                                  "\nanswer = (W, H)  # right for its own W, H"}),
        "z-victim": student(),
    }
    for name, text in submissions.items():
        (subs / name).mkdir(parents=True)
        (subs / name / "03_tiny.ipynb").write_text(text)
    (subs / "misnamed").mkdir()
    (subs / "misnamed" / "03-tiny.ipynb").write_text(student())
    (subs / "broken").mkdir()
    (subs / "broken" / "03_tiny.ipynb").write_text("{not json")
    (subs / "linked").symlink_to(subs / "honest")
    start = time.monotonic()
    mp = pytest.MonkeyPatch()
    mp.setattr(grading, "guarded", lambda book: [guard, Path(book)])
    try:
        grading.grade(subs, out, TINY, time_limit=LIMIT)
    finally:
        mp.undo()
    seconds = time.monotonic() - start
    time.sleep(5)  # what a detached process would do after the run, it would have done
    with open(out) as f:
        rows = list(csv.DictReader(f))
    by = {}
    for row in rows:
        by.setdefault(row["student"], {})[row["exercise"]] = row
    return by, out, seconds, tmp, stamp


def scores(by, name):
    return {label: float(row["score"]) for label, row in by[name].items()}


pytestmark = pytest.mark.book  # the fixture executes notebooks (about a minute in all)


def test_controls_full_marks_and_zero_and_a_complete_csv(graded):
    by, out, seconds, _, _ = graded
    assert scores(by, "honest") == scores(by, "z-victim") == FULL
    assert scores(by, "untouched") == ZERO
    assert all("did not run" in r["note"] for r in by["untouched"].values())
    assert list(by["honest"]["ex-t-loss"]) == grading.FIELDS
    graded_students = 17  # every folder but the symbolic link, which gets its own row
    assert len(by) == graded_students + 1
    assert seconds < 17 * 8 + LIMIT  # one limit for the staller, seconds for the others


def test_1_patching_the_checkers_from_an_answer_cell_gains_nothing(graded):
    assert scores(graded[0], "1-patcher") == ZERO


def test_2_subclassed_answers_are_refused_and_the_key_is_not_importable(graded):
    by = graded[0]
    assert scores(by, "2-fakes") == ZERO
    assert "an answer of type A" in by["2-fakes"]["ex-t-rescale"]["note"]
    assert scores(by, "2-key-reader") == ZERO


def test_2_the_kernel_s_copy_of_the_checkers_holds_no_key(tmp_path):
    sandbox.stub_package(tmp_path / "nmf_ref")
    text = "".join(p.read_text() for p in (tmp_path / "nmf_ref" / "book" / "exercises").glob("*.py"))
    assert "def check_identifiability" in text and "_choice" not in text and '"c"' not in text
    sandbox.writable(tmp_path)


def test_3_the_instructor_s_notebooks_are_not_reachable(graded):
    assert scores(graded[0], "3-source-reader") == ZERO


def test_4_a_written_score_is_not_read(graded):
    by = graded[0]
    assert scores(by, "4-score-writer") == ZERO
    assert all(float(r["score"]) <= float(r["max_score"]) for s in by.values() for r in s.values())


def test_5_a_student_cannot_overwrite_another_s_submission(graded):
    assert scores(graded[0], "z-victim") == FULL


def test_6_a_detached_process_does_not_outlive_the_notebook(graded):
    by, out, _, _, stamp = graded
    assert "cheat" not in by and "cheat" not in out.read_text()
    assert not stamp.exists()


def test_7_patching_the_package_copy_on_disk_does_not_reach_later_students(graded):
    by = graded[0]
    assert scores(by, "7-disk-patcher") == ZERO
    assert scores(by, "z-victim") == FULL and scores(by, "untouched") == ZERO


def test_7_grading_stops_when_a_notebook_changes_the_installed_package(tmp_path, monkeypatch):
    guard = tmp_path / "guarded"
    guard.mkdir()
    os.chmod(guard, 0o777)
    (tmp_path / "subs" / "a").mkdir(parents=True)
    (tmp_path / "subs" / "b").mkdir()
    (tmp_path / "subs" / "a" / "03_tiny.ipynb").write_text(student(UNTOUCHED, before=[
        f"open({str(guard / 'patched.py')!r}, 'w').write('x = 1')"]))
    (tmp_path / "subs" / "b" / "03_tiny.ipynb").write_text(student())
    monkeypatch.setattr(grading, "guarded", lambda book: [guard, Path(book)])
    with pytest.raises(RuntimeError, match="a/03_tiny.ipynb changed the installed nmf_ref"):
        grading.grade(tmp_path / "subs", tmp_path / "scores.csv", TINY, time_limit=LIMIT)
    assert "a,03_tiny,ex-t-loss,0.0" in (tmp_path / "scores.csv").read_text()  # a's row kept


def test_8_student_ids_are_literal_and_links_not_followed(graded):
    by = graded[0]
    assert scores(by, "[A-Z]*") == FULL
    assert "symbolic link" in by["linked"][""]["note"]


def test_9_a_stalling_notebook_stops_at_its_limit_and_keeps_what_it_answered(graded):
    by = graded[0]
    assert scores(by, "9-staller") == {**FULL, "ex-t-nonconvex": 0.0, "ex-t-unique": 0.0,
                                       "ex-t-loss": 0.0}
    assert "time limit" in by["9-staller"]["ex-t-unique"]["note"]


def test_honest_mistakes_cost_only_what_they_break(graded):
    by, _, _, tmp, _ = graded
    # the check cells are restored or re-added; os._exit at the end loses only the
    # function answer, which the grader calls in the kernel
    assert scores(by, "mistakes") == {**FULL, "ex-t-loss": 0.0}
    assert "kernel died" in by["mistakes"]["ex-t-loss"]["note"]
    assert (tmp / "scores-graded" / "mistakes" / "03_tiny.log").exists()
    assert (tmp / "scores-graded" / "mistakes" / "03_tiny.ipynb").exists()
    assert "could not be read" in by["broken"]["ex-t-loss"]["note"]
    assert "rename" in by["misnamed"][""]["note"]


def test_a_student_who_changes_the_notebook_s_data_is_checked_against_the_book_s(graded):
    """check_same_product(W, H, *answer): the grader's W and H are the book's."""
    by = graded[0]
    assert scores(by, "state-changer") == {**FULL, "ex-t-rescale": 0.0}


def test_8_killing_the_grader_keeps_the_rows_already_written(tmp_path):
    """A notebook may kill the grader on a laptop (same user); the rows of every
    notebook graded before it are on disk, complete."""
    import subprocess
    import sys

    for name, text in {"a-honest": student(), "b-killer": student(before=[
            "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"]),
            "c-honest": student()}.items():
        (tmp_path / "subs" / name).mkdir(parents=True)
        (tmp_path / "subs" / name / "03_tiny.ipynb").write_text(text)
    out = tmp_path / "scores.csv"
    env = {**os.environ, "PYTHONPATH": str(Path(classroom.__file__).parents[2])}
    done = subprocess.run([sys.executable, "-m", "nmf_ref.book.classroom", "--book", str(TINY),
                           "grade", str(tmp_path / "subs"), "--out", str(out),
                           "--time-limit", str(LIMIT)], env=env, capture_output=True,
                          timeout=120)
    with open(out) as f:
        rows = list(csv.DictReader(f))
    honest = {r["exercise"]: float(r["score"]) for r in rows if r["student"] == "a-honest"}
    assert honest == FULL
    if done.returncode == 0:  # the kill was refused (a kernel run as nobody)
        assert {r["student"] for r in rows} == {"a-honest", "b-killer", "c-honest"}
    else:
        assert "b-killer" not in {r["student"] for r in rows}
