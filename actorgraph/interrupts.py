"""Ctrl-C and SIGTERM: the command stops at once, but never in the middle of a write.

While a command runs (``signals_stop``), SIGINT and SIGTERM raise Interrupted, which
unwinds the command (closing worker processes and the store) and is reported in one
line with exit status 128 + the signal's number (130, 143). Inside ``held`` blocks (a
batch's write) a signal waits until the block ends, so a batch is written whole or not
at all.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A stop asked for by a signal; ``exit_code`` is the shell's 128 + its number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.exit_code = 128 + signum


class _State:
    installed = False
    holding = 0
    pending: int | None = None


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if _State.holding:
        _State.pending = _State.pending or signum
        return
    raise Interrupted(signum)


@contextmanager
def signals_stop() -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted in this block (main thread only; elsewhere,
    as in a server thread, the block changes nothing)."""
    if _State.installed or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _on_signal) for signum in SIGNALS}
    _State.installed, _State.pending = True, None
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _State.installed, _State.holding, _State.pending = False, 0, None


@contextmanager
def held() -> Iterator[None]:
    """A signal that arrives in this block takes effect when the block ends, so what the
    block writes is written whole."""
    _State.holding += 1
    try:
        yield
    finally:
        _State.holding -= 1
        if not _State.holding and _State.pending is not None:
            signum, _State.pending = _State.pending, None
            raise Interrupted(signum)
