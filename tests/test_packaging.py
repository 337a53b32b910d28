"""The package as a user gets it: a wheel, installed in a fresh venv, run from elsewhere.

The slow tests (``-m slow``) build the wheel once, install it in a new virtual
environment (dependencies from the package index) and run its ``shuangtan``
entry point from a temporary directory, so that nothing can be found by
accident in the source tree.  The behaviour at the edges of the process — the
locale, a pipe closed early, an error — is also checked, fast, on the editable
install's ``shuangtan`` so that it is covered when slow tests are deselected.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import (
    assert_one_error_line,
    by_id,
    clean_env,
    installed_shuangtan,
    list_row,
    run_process,
)

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "shuangtan_cli"
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""

#: Files the wheel must carry, by their path in the wheel, and where they come from.
SHIPPED = {
    "shuangtan_cli/data/speeches.jsonl": REPO / "data" / "speeches.jsonl",
    "shuangtan_cli/data/speeches.traditional.jsonl": REPO / "data" / "speeches.traditional.jsonl",
    "shuangtan_cli/data/speeches.hk.jsonl": REPO / "data" / "speeches.hk.jsonl",
    "shuangtan_cli/data/corpus.json": REPO / "data" / "corpus.json",
    "shuangtan_cli/data/fold.json": REPO / "data" / "fold.json",
    "shuangtan_cli/gazetteer.json": PACKAGE / "gazetteer.json",
    "shuangtan_cli/phrases.json": PACKAGE / "phrases.json",
}

posix_only = pytest.mark.skipif(os.name == "nt", reason="pipes and signals as on POSIX")


def repo_version() -> str:
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    assert found, "no __version__ in src/shuangtan_cli/__init__.py"
    return found.group(1)


@dataclass(frozen=True)
class Entry:
    """A Python with shuangtan installed, and its ``shuangtan`` console script."""

    python: Path
    shuangtan: Path

    def run(
        self, *args: str, cwd: Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        return run_process(*args, program=self.shuangtan, cwd=cwd, env=env)


@dataclass(frozen=True)
class Installation(Entry):
    """The wheel, and the fresh venv it is installed in."""

    wheel: Path
    venv: Path


def _check(command: list[str], what: str, *, timeout: float, cwd: Path | None = None) -> None:
    done = subprocess.run(
        command,
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Installation:
    """Build the wheel, make a fresh venv and pip-install the wheel into it."""
    dist = tmp_path_factory.mktemp("dist")
    _check(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        "building the wheel",
        cwd=REPO,
        timeout=600,
    )
    wheels = sorted(dist.glob("shuangtan-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {wheels}"
    venv = tmp_path_factory.mktemp("venv") / "env"
    _check([sys.executable, "-m", "venv", str(venv)], "creating a venv", timeout=600)
    python = venv / BIN / f"python{EXE}"
    _check(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            str(wheels[0]),
        ],
        "installing the wheel",
        timeout=900,
    )
    return Installation(
        python=python, shuangtan=venv / BIN / f"shuangtan{EXE}", wheel=wheels[0], venv=venv
    )


def editable() -> Entry:
    """The ``shuangtan`` of the environment running the tests (the editable install)."""
    script = installed_shuangtan()
    if not script.is_file():
        pytest.skip(f"no shuangtan next to {sys.executable}")
    return Entry(python=Path(sys.executable), shuangtan=script)


@pytest.fixture(
    params=[
        pytest.param("editable"),
        pytest.param("installed", marks=pytest.mark.slow),
    ]
)
def entry(request: pytest.FixtureRequest) -> Entry:
    """Each test using this runs on the editable install, and (slow) on the wheel."""
    if request.param == "editable":
        return editable()
    installed: Installation = request.getfixturevalue("installation")
    return installed


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working directory with nothing of the project in it."""
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    assert REPO not in workdir.resolve().parents
    return workdir


# --- the wheel and the installed package ----------------------------------------------


@pytest.mark.slow
def test_wheel_ships_the_data_byte_for_byte(installation: Installation) -> None:
    with zipfile.ZipFile(installation.wheel) as wheel:
        names = set(wheel.namelist())
        missing = sorted(set(SHIPPED) - names)
        assert not missing, f"not in the wheel: {missing}"
        for inside, source in SHIPPED.items():
            assert wheel.read(inside) == source.read_bytes(), f"{inside} differs from {source}"


@pytest.mark.slow
def test_wheel_ships_every_module(installation: Installation) -> None:
    with zipfile.ZipFile(installation.wheel) as wheel:
        names = set(wheel.namelist())
    wanted = {
        f"shuangtan_cli/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix in {".py", ".json", ".typed"}
    }
    assert "shuangtan_cli/commands/grep.py" in wanted
    assert "shuangtan_cli/py.typed" in wanted
    assert not sorted(wanted - names)


@pytest.mark.slow
def test_installed_list_from_another_directory(installation: Installation, elsewhere: Path) -> None:
    done = installation.run("list", cwd=elsewhere)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 31
    assert len({line.split("\t")[0] for line in lines}) == 31

    done = installation.run("list", "--province", "河北", cwd=elsewhere)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    rows = [line.split("\t") for line in done.stdout.decode("utf-8").splitlines()]
    assert len(rows) == 1
    assert rows[0][0] == "hebei"
    assert rows[0][2] == "河北省"


@pytest.mark.slow
def test_installed_package_reads_its_data_from_site_packages(
    installation: Installation, elsewhere: Path
) -> None:
    code = (
        "import shuangtan_cli, shuangtan_cli.corpus as c\n"
        "print(shuangtan_cli.__file__)\n"
        "print(c.BUNDLED)\n"
    )
    done = subprocess.run(
        [str(installation.python), "-c", code],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    module, bundled = (Path(line).resolve() for line in done.stdout.splitlines())
    venv = installation.venv.resolve()
    for path in (module, bundled):
        assert venv in path.parents, f"{path} is not inside {venv}"
        assert "site-packages" in path.parts
        assert REPO not in path.parents
    assert bundled == module.parent / "data"
    assert (bundled / "speeches.jsonl").read_bytes() == (REPO / "data/speeches.jsonl").read_bytes()


# --- every installation: the version, the locale, pipes, errors ---------------------
# Each behaviour at the edge of the process is tested here, once, on a real process.


def test_version(entry: Entry, elsewhere: Path) -> None:
    version = repo_version()
    done = subprocess.run(
        [str(entry.python), "-c", "import shuangtan_cli; print(shuangtan_cli.__version__)"],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == version
    for argv in (
        [str(entry.shuangtan), "--version"],
        [str(entry.python), "-m", "shuangtan_cli", "--version"],
    ):
        run = subprocess.run(
            argv,
            cwd=elsewhere,
            env=clean_env(),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == f"shuangtan, version {version}"


@pytest.mark.parametrize(
    "locale_env",
    [
        pytest.param({}, id="no-LANG"),
        pytest.param({"LANG": "C", "LC_ALL": "C"}, id="LANG=C"),
        pytest.param({"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}, id="LANG=C-no-UTF-8-mode"),
        pytest.param(
            {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "latin-1"}, id="PYTHONIOENCODING"
        ),
        pytest.param({"PYTHONIOENCODING": "ascii"}, id="ascii"),
    ],
)
def test_the_c_locale_reads_and_writes_utf8(
    entry: Entry, elsewhere: Path, locale_env: dict[str, str]
) -> None:
    """Arguments typed in Chinese are understood and output is UTF-8, whatever the locale."""
    env = clean_env(**locale_env)
    done = entry.run("list", "--province", "河北", cwd=elsewhere, env=env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    expected = "\t".join(list_row(by_id("traditional")["hebei"])) + "\n"
    assert done.stdout.decode("utf-8") == expected  # strict: any other encoding fails here
    done = entry.run("grep", "兩高", cwd=elsewhere, env=env)
    assert done.returncode == 0 and "兩高" in done.stdout.decode("utf-8")
    assert "\x1b[" not in done.stdout.decode("utf-8")
    line = assert_one_error_line(entry.run("list", "-p", "河比", cwd=elsewhere, env=env))
    assert "河比" in line and "河北" in line


@posix_only
@pytest.mark.parametrize(
    "args",
    [
        "list",
        # far more than a pipe holds, so the command is still writing when head exits
        "grep '\\p{Han}' -o",
    ],
)
def test_closed_pipe_ends_quietly(entry: Entry, elsewhere: Path, args: str) -> None:
    pipeline = f"set +o pipefail; {shlex.quote(str(entry.shuangtan))} {args} | head -1"
    done = subprocess.run(
        ["bash", "-c", pipeline],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == b""
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert lines[0].split("\t")[0] in {"beijing", "北京市"}


@posix_only
@pytest.mark.parametrize("args", [("list",), ("filter",), ("grep", "碳")], ids=" ".join)
def test_reader_closing_early_is_quiet(
    entry: Entry, elsewhere: Path, args: tuple[str, ...]
) -> None:
    """The reader goes away before a byte is written: no traceback, no BrokenPipeError."""
    with subprocess.Popen(
        [str(entry.shuangtan), *args],
        cwd=elsewhere,
        env=clean_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        process.stdout.close()
        _, stderr = process.communicate(timeout=120)
    assert stderr == b""
    assert process.returncode in (0, 141, -signal.SIGPIPE)


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("list", "--province", "河比"), "河北"),  # a bad option value: the suggestion
        (("grep", "碳(", "--province", "河北"), "碳("),  # an error the library raises
        (("show", "99"), "99"),
    ],
)
def test_error_is_one_line_and_exit_2(
    entry: Entry, elsewhere: Path, args: tuple[str, ...], mentions: str
) -> None:
    done = entry.run(*args, cwd=elsewhere)
    assert done.returncode == 2
    assert mentions in assert_one_error_line(done)


def test_python_m_is_the_same_command(elsewhere: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shuangtan_cli", "list", "-p", "冀"],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == run_process("list", "-p", "冀", cwd=elsewhere).stdout
