"""The one exception type the command line turns into an ``Error: …`` line."""

from __future__ import annotations


class ShuangtanError(ValueError):
    """Bad input from the user, or a corpus that breaks its contract.

    The command line prints its message as one ``Error: …`` line and exits 2;
    library callers can catch it (or ValueError) like any bad-argument error.
    """
