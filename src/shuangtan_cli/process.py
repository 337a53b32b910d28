"""The edge of the process: streams, locale, memory, and the last line of defence.

``run`` wraps the command so that whatever the streams, the terminal or the
locale, a run ends with the command's own exit status or with one
``Error: …`` line and status 2:

* a closed stdout is an error, a closed stderr is not (errors go nowhere);
* a failed write (a full disk) is ``Error: cannot write output: …``;
* arguments are read in the locale's encoding, and as UTF-8 under the C or
  POSIX locale, where a terminal that sent 河北 sent UTF-8;
* output is UTF-8 in a pipe; at a terminal, in the terminal's encoding when
  the locale names one (GB18030, Big5 …), characters it cannot show escaped;
* the heap is capped (RLIMIT_DATA), so a runaway cannot take the machine's
  memory: running out is ``Error: out of memory``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

#: The most heap a run may use.  Far above what any command needs for a
#: corpus of a gigabyte; low enough that a runaway pattern cannot exhaust a machine.
MEMORY_LIMIT = 2 << 30


def _normal(encoding: str | None) -> str:
    return (encoding or "").lower().replace("-", "").replace("_", "")


def _is_ascii(encoding: str | None) -> bool:
    return _normal(encoding) in {"ascii", "ansix3.41968", "usascii", "646"}


def _fail(message: str) -> NoReturn:
    """One error line on stderr, and exit 2 at once: buffered output that cannot
    be written would otherwise be written again, and fail again, at exit."""
    try:
        sys.stderr.write(f"Error: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(2)


def _prepare_streams() -> None:
    if sys.stderr is None:  # started with stderr closed: errors have nowhere to go
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        _fail("cannot write output: standard output is closed")
    for stream in (sys.stdout, sys.stderr):
        wanted = "utf-8"
        try:
            terminal = stream.isatty()
        except (ValueError, OSError):
            terminal = False
        if terminal and not _is_ascii(stream.encoding):
            wanted = stream.encoding  # the terminal's own, as the locale says
        if _normal(stream.encoding) != _normal(wanted) or stream.errors == "strict":
            stream.reconfigure(encoding=wanted, errors="backslashreplace")  # type: ignore[union-attr]


def _decode_arguments() -> None:
    """Under the C or POSIX locale (without UTF-8 mode), Python decodes the
    arguments as ASCII; what the terminal sent is UTF-8.  In any other locale
    Python has decoded them in the locale's encoding already."""
    encoding = sys.getfilesystemencoding()
    if _is_ascii(encoding):
        sys.argv = [os.fsencode(arg).decode("utf-8", "surrogateescape") for arg in sys.argv]
        encoding = "utf-8"
    for arg in sys.argv[1:]:
        if not arg.isprintable() and any("\udc80" <= char <= "\udcff" for char in arg):
            from .formats import inert

            _fail(f"argument {inert(arg)} is not valid {encoding.upper()}")


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on this platform
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
    if soft == resource.RLIM_INFINITY or soft > cap:
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
        except (ValueError, OSError):
            pass


def run(command: Callable[[], object]) -> NoReturn:
    """Run ``command`` (which exits through SystemExit) at the edge of the process."""
    import signal

    if hasattr(signal, "SIGPIPE"):  # a closed pipe ends the run quietly, as for cat
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _prepare_streams()
    _decode_arguments()
    _limit_memory()
    status: str | int | None = 0
    try:
        try:
            command()
        except SystemExit as done:
            status = done.code if isinstance(done.code, (str, int)) or done.code is None else 1
        sys.stdout.flush()
    except MemoryError:
        _fail(f"out of memory: shuangtan keeps within {MEMORY_LIMIT >> 30} GiB")
    except OSError as error:  # the library turns failed reads into ShuangtanError
        import errno

        writing = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EBADF, errno.EFBIG, errno.EDQUOT}
        _fail(f"cannot write output: {error.strerror}" if error.errno in writing else str(error))
    sys.exit(status)
