"""Run one student notebook in a throwaway folder and bring back its answers as plain data.

The student's kernel never checks anything. Each check call of the notebook is
rewritten (:func:`instrument`) so that the kernel only *records* its arguments:
numbers, strings, lists and NumPy arrays of plain dtypes, written as JSON and
``np.save(..., allow_pickle=False)``; anything else (a ``str`` subclass, an object
with a clever ``__float__``) is recorded as refused. The grader reads them back
with :func:`decode`, which builds only plain Python and NumPy values, and calls the
real checkers in its own process. A function answer is recorded by reference: the
grader calls it through :class:`Probe`, which runs it in the (still sandboxed)
kernel and brings its result back the same way.

:func:`run` gives the kernel, before any student code:

* a fresh working folder holding only the notebook, the book's ``data/`` and a
  read-only copy of ``nmf_ref`` whose checkers are stubs (no answer key to import);
* ``HOME`` and the working folder there, ``PYTHONPATH`` on the copy;
* resource limits it cannot raise again: address space (memory) and CPU seconds
  (a limit on processes would also stop the threads that Dask and BLAS start);
  when the grader runs as root (in a container) and Python is readable by all, the
  kernel drops to user ``nobody`` first, so the grader's files are out of its reach;
* an end: the grader adopts what the kernel leaves behind (Linux's child subreaper)
  and kills the kernel and every such process once the notebook is done;
* one wall-clock budget for the whole notebook (the cells share it).

What it cannot do on a laptop: the kernel runs as the instructor's user, so it can
still *read* (and write) files by absolute path, reach the network, and signal the
grader. ``classroom.grade`` reads every submission before running any and checks
that the installed package did not change; for the rest run it in a container
(see the instructors' page).
"""

import ast
import contextlib
import json
import os
import re
import shutil
import signal
import stat
import sys
import time
from pathlib import Path

import numpy as np

PACKAGE = Path(__file__).resolve().parents[1]  # nmf_ref
MAX_BYTES = 200 * 2**20  # what one recorded call may weigh on disk

KERNEL_SETUP = r'''
def __nmf_setup__(out, memory, cpu, drop):
    import json, os, resource, types
    import numpy as np
    if drop and os.getuid() == 0:  # a root grader (a container): the kernel becomes nobody
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    for limit, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, cpu)):
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):
            pass
    functions, counter = [], [0]

    def encode(x):
        t = type(x)
        if x is None or t in (bool, int, str):
            return x
        if t is float:
            return x if x == x and abs(x) != float("inf") else {"float": repr(x)}
        if t is list:
            return [encode(v) for v in x]
        if t is tuple:
            return {"tuple": [encode(v) for v in x]}
        if t is dict and all(type(k) is str for k in x):
            return {"dict": {k: encode(v) for k, v in x.items()}}
        if isinstance(x, np.generic) and type(x).__module__ == "numpy" and x.dtype.kind in "biuf":
            return encode(x.item())
        if t is np.ndarray and x.dtype.kind in "biuf":
            counter[0] += 1
            name = f"{counter[0]}.npy"
            np.save(os.path.join(out, name), x, allow_pickle=False)
            return {"npy": name}
        if t in (types.FunctionType, types.BuiltinFunctionType, types.MethodType):
            functions.append(x)
            return {"function": len(functions) - 1}
        return {"refused": t.__name__}

    def record(label, args, kwargs):
        data = {"args": [encode(a) for a in args],
                "kwargs": {k: encode(v) for k, v in kwargs.items()}}
        with open(os.path.join(out, label + ".json"), "w") as f:
            json.dump(data, f)

    def probe(index, call):
        path = os.path.join(out, call + ".json")
        with open(path) as f:
            spec = json.load(f)
        args = [np.load(os.path.join(out, a["npy"]), allow_pickle=False) if type(a) is dict
                else a for a in spec["args"]]  # written by the grader: arrays and numbers
        try:
            result = {"value": encode(functions[index](*args))}
        except Exception as exc:
            result = {"error": f"{type(exc).__name__}: {exc}"[:500]}
        with open(path, "w") as f:
            json.dump(result, f)

    return record, probe


__nmf_record__, __nmf_probe__ = __nmf_setup__({out!r}, {memory!r}, {cpu!r}, {drop!r})
del __nmf_setup__
'''


class Refused(Exception):
    """A recorded value that is not plain data."""


def instrument(label, check_source):
    """The check cell ``check_source`` rewritten to record its checker's arguments
    under ``label`` instead of calling it; also returns which arguments come from the
    student's ``answer``. Returns ``(code, call)`` where ``call`` is the parsed
    checker call (an :class:`ast.Call`)."""
    calls = [node for node in ast.walk(ast.parse(check_source))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and isinstance(node.func.value, ast.Name) and node.func.value.id == "exercises"
             and node.func.attr.startswith("check_")]
    if len(calls) != 1:
        raise ValueError(f"the check cell of {label!r} must call one exercises.check_...; "
                         f"found {len(calls)}")
    call = calls[0]
    args = ", ".join(ast.unparse(a.value if isinstance(a, ast.Starred) else a)
                     for a in call.args)
    kwargs = ", ".join(f"{k.arg!r}: {ast.unparse(k.value)}" for k in call.keywords)
    code = f"__nmf_record__({label!r}, ({args}{',' if call.args else ''}), {{{kwargs}}})"
    return code, call


def from_answer(node):
    """True when a checker argument (an AST node) is the student's ``answer``."""
    node = node.value if isinstance(node, (ast.Starred, ast.keyword)) else node
    return isinstance(node, ast.Name) and node.id == "answer"


def decode(value, folder, probe=None):
    """A recorded value back as plain Python and NumPy data (raises :class:`Refused`)."""
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is list:
        return [decode(v, folder, probe) for v in value]
    if type(value) is dict and len(value) == 1:
        (tag, inner), = value.items()
        if tag == "float" and inner in ("nan", "inf", "-inf"):
            return float(inner)
        if tag == "tuple" and type(inner) is list:
            return tuple(decode(v, folder, probe) for v in inner)
        if tag == "dict" and type(inner) is dict:
            return {k: decode(v, folder, probe) for k, v in inner.items()}
        if tag == "npy" and type(inner) is str and re.fullmatch(r"\d+\.npy", inner):
            path = Path(folder) / inner
            if path.is_symlink() or path.stat().st_size > MAX_BYTES:
                raise Refused("an array too large or not a plain file")
            return np.load(path, allow_pickle=False)
        if tag == "function" and type(inner) is int and probe is not None:
            return probe(inner)
        if tag == "refused":
            raise Refused(f"an answer of type {str(inner)[:40]} (give plain numbers, "
                          "strings, lists or NumPy arrays)")
    raise Refused("a value the grader does not read")


def read_record(folder, label, probe=None):
    """The recorded ``(args, kwargs)`` of ``label``'s check, or None if it did not run."""
    path = Path(folder) / f"{label}.json"
    if not path.is_file() or path.is_symlink():
        return None
    if path.stat().st_size > MAX_BYTES:
        raise Refused("a recorded answer too large to read")
    data = json.loads(path.read_text())
    if type(data) is not dict or type(data.get("args")) is not list \
            or type(data.get("kwargs")) is not dict:
        raise Refused("a record the grader does not read")
    return (decode(data["args"], folder, probe),
            {k: decode(v, folder, probe) for k, v in data["kwargs"].items()})


def stub_package(target):
    """A read-only copy of ``nmf_ref`` in ``target`` whose checker modules hold only
    stubs: the kernel can import the chapters' ``exercises`` but not their keys."""
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    exercises = Path(target) / "book" / "exercises"
    for path in exercises.glob("*.py"):
        names = sorted(set(re.findall(r"^def (check_\w+)", path.read_text(), re.M)))
        path.write_text("".join(
            f"def {n}(*args, **kwargs):\n    raise RuntimeError('checked by the grader')\n\n"
            for n in names))
    for path in sorted(Path(target).rglob("*"), reverse=True) + [Path(target)]:
        mode = stat.S_IMODE(path.stat().st_mode)
        path.chmod(mode & ~0o222)


def writable(folder):
    """Make ``folder`` removable again (the kernel's package copy is read-only)."""
    for path in [Path(folder), *Path(folder).rglob("*")]:
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o700)


class Probe:
    """A student's function, callable from the grader: each call runs it in the kernel
    (sandboxed, within the notebook's time budget) on plain-data arguments and returns
    its result decoded as plain data."""

    def __init__(self, client, folder, index, deadline):
        self.client, self.folder, self.index, self.deadline = client, Path(folder), index, deadline
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        name = f"probe-{self.index}-{self.calls}"
        encoded = []
        for k, a in enumerate(args):
            a = a.item() if isinstance(a, np.generic) else a
            a = np.asarray(a) if isinstance(a, np.ndarray) or type(a) in (list, tuple) else a
            if isinstance(a, np.ndarray):
                np.save(self.folder / f"{name}-{k}.npy", a, allow_pickle=False)
                a = {"npy": f"{name}-{k}.npy"}
            encoded.append(a)
        (self.folder / f"{name}.json").write_text(json.dumps({"args": encoded}))
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise RuntimeError("the notebook's time limit ran out")
        from nbformat.v4 import new_code_cell

        self.client.timeout = max(1, int(remaining))
        self.client.execute_cell(new_code_cell(f"__nmf_probe__({self.index}, {name!r})"), 0)
        result = json.loads((self.folder / f"{name}.json").read_text())
        if type(result) is not dict or "args" in result:
            raise Refused("a result the grader does not read")
        if "error" in result:
            raise RuntimeError(str(result["error"])[:500])
        return decode(result.get("value"), self.folder)


def run(nb, folder, data=None, time_limit=600, memory_limit=4 * 2**30, then=None):
    """Execute notebook ``nb`` (already instrumented) in the empty folder ``folder``.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook to run; its first cell must be :func:`setup_cell`'s.
    folder : Path
        A fresh folder; the notebook runs in ``folder/work``, its records go to
        ``folder/work/answers``.
    data : Path, optional
        A ``data/`` folder to copy beside the notebook (the chapters read ``data/``).
    time_limit : float
        Seconds for the whole notebook (cells and probes).
    memory_limit : int
        Bytes of address space for the kernel.
    then : callable, optional
        ``then(answers, make_probe)``, called while the kernel is still alive, after the
        last cell: ``make_probe(index)`` is the student's function number ``index``.

    Returns
    -------
    (notebook, notes, result)
        The executed notebook, why it stopped early if it did (a list of strings), and
        what ``then`` returned.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    folder = Path(folder)
    work, lib = folder / "work", folder / "lib"
    (work / "answers").mkdir(parents=True)
    for path in (work, work / "answers"):
        path.chmod(0o777)  # writable by the kernel, which is nobody when the grader is root
    folder.chmod(0o755)
    if data is not None and Path(data).is_dir():
        shutil.copytree(data, work / "data", symlinks=True)
    stub_package(lib / "nmf_ref")
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TERM")}
    env.update(HOME=str(work), PYTHONPATH=str(lib), MPLBACKEND="Agg", PYTHONNOUSERSITE="1",
               OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    nb.cells[0].source = KERNEL_SETUP.replace("{out!r}", repr(str(work / "answers"))) \
        .replace("{memory!r}", repr(int(memory_limit))).replace("{cpu!r}", repr(int(time_limit) + 1)) \
        .replace("{drop!r}", repr(os.getuid() == 0 and _open_to_all(Path(os.__file__).parent)
                                  and _open_to_all(Path(np.__file__).parent)))
    client = NotebookClient(nb, timeout=time_limit, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(work)}})
    deadline = time.monotonic() + time_limit
    notes, result = [], None
    _adopt_orphans()
    before = _children()
    try:
        with client.setup_kernel(env=env, cwd=str(work)):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CellTimeoutError("out of time")
                client.timeout = max(1, int(remaining))
                client.execute_cell(cell, index)
            if then is not None:
                def make_probe(i):
                    return Probe(client, work / "answers", i, deadline)
                result = then(work / "answers", make_probe)
    except CellTimeoutError:
        notes.append(f"stopped at the time limit ({time_limit:g} s)")
    except DeadKernelError:
        notes.append("the kernel died (os._exit, a crash, or the memory limit)")
    finally:
        _reap(before)
    if then is not None and result is None:  # score what was recorded before it stopped
        result = then(work / "answers", lambda i: _dead)
    return nb, notes, result


def _adopt_orphans():
    """Make this process adopt the orphans of its kernels (Linux's child subreaper), so
    that a process a notebook detached (``setsid``, a double fork) is still ours to end."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _children():
    """The ids of this process's children (from /proc; empty where there is none)."""
    me, found = str(os.getpid()), set()
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            if path.read_text().rsplit(")", 1)[1].split()[1] == me:
                found.add(int(path.parent.name))
        except (OSError, IndexError):
            pass
    return found


def _reap(before):
    """Kill every child this process gained since ``before`` (the kernel, and whatever
    the notebook left behind), until none is left."""
    for _ in range(100):
        left = _children() - before
        if not left:
            return
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)


def _open_to_all(path):
    """True when every user can reach ``path`` (so a kernel run as nobody can import)."""
    return all(p.stat().st_mode & 0o005 == 0o005 for p in [path, *path.parents])


def _dead(*args):
    raise RuntimeError("the notebook stopped before its function could be called")
