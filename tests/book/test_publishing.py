"""Publishing: the Pages workflow runs the README's build command, and nmf_ref
builds into an sdist and a wheel that install and work in a fresh environment."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def readme_commands():
    """The shell commands of the README's bash blocks."""
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def workflow_runs(name):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    return [step["run"].strip() for job in workflow["jobs"].values()
            for step in job["steps"] if "run" in step]


def test_pages_workflow_runs_the_readme_build_command():
    build = [c for c in readme_commands() if "jupyter-book build" in c]
    assert len(build) == 1, build
    assert build[0] in workflow_runs("book.yml")


def test_pages_workflow_publishes_what_the_build_writes():
    text = (ROOT / ".github" / "workflows" / "book.yml").read_text()
    assert "path: _build/html" in text and "actions/deploy-pages" in text


def test_release_workflow_uses_trusted_publishing():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}  # OIDC, no stored token
    assert any(step.get("uses", "").startswith("pypa/gh-action-pypi-publish")
               for step in publish["steps"])
    assert "python -m build" in " ".join(workflow_runs("release.yml"))


@pytest.mark.book
def test_sdist_and_wheel_build_and_the_wheel_works_in_a_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist),
                    str(ROOT)], check=True, capture_output=True)
    wheel, = dist.glob("nmf_ref-*.whl")
    sdist, = dist.glob("nmf_ref-*.tar.gz")
    names = zipfile.ZipFile(wheel).namelist()
    assert "nmf_ref/solve.py" in names and "nmf_ref/book/classroom.py" in names
    assert not [n for n in names if n.startswith(("tests/", "book/", "benchmarks/"))]
    entry = [n for n in names if n.endswith("entry_points.txt")]
    assert entry and "nmf-classroom" in zipfile.ZipFile(wheel).read(entry[0]).decode()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    code = ("import numpy as np, nmf_ref; X = np.arange(1.0, 13).reshape(3, 4); "
            "res = nmf_ref.nmf(X, 2, init='random', random_state=0); "
            "assert res.W.shape == (3, 2) and res.loss[-1] < res.loss[0]; "
            "print(nmf_ref.__file__)")
    out = subprocess.run([str(python), "-c", code], check=True, capture_output=True,
                         text=True, cwd=tmp_path).stdout
    assert str(venv) in out  # the installed wheel, not this checkout
