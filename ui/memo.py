"""A small cache for the explorer's computations (``memo``), used by ``ui/cache.py``.

Moved out of ``ui/cache.py`` whole.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import threading
from collections import OrderedDict

import numpy as np

ENTRIES = 24  # results kept per function, as ``ui.cache``'s Streamlit caches keep


class _Memo:
    """A function's results kept in this process for every session, keyed on its arguments' own ``hash``.

    The explorer's keys are small tuples, which Streamlit's caches hash value by value with blake2b, and whose
    hits ``st.cache_data`` unpickles: together ~4 ms of a ~25 ms rerun. Shared and never copied, as
    ``st.cache_resource`` is: numpy arrays in a result are made read-only, so a caller that changed one would fail
    at once rather than change every session's view. Past ``max_entries`` the least recently used entry goes; an
    exception is not kept; one computation per key at a time (a second caller of the same key waits for the
    first). As in Streamlit's caches, an argument whose name starts with "_" is not part of the key."""

    registry: list = []

    def __init__(self, func, max_entries: int):
        self.func, self.max_entries = func, max_entries
        parameters = inspect.signature(func).parameters
        self.names = tuple(parameters)
        self.keyed = tuple(name for name in self.names if not name.startswith("_"))  # "_x": not in the key
        self.defaults = {name: p.default for name, p in parameters.items() if p.default is not inspect.Parameter.empty}
        self.entries: OrderedDict = OrderedDict()
        self.lock, self.key_locks = threading.Lock(), {}
        functools.update_wrapper(self, func)
        _Memo.registry.append(self)

    def _key(self, args, kwargs) -> tuple:
        if not kwargs and len(args) == len(self.names) == len(self.keyed):
            return args
        values = dict(self.defaults, **dict(zip(self.names, args)), **kwargs)
        return tuple(values[name] for name in self.keyed)

    def __call__(self, *args, **kwargs):
        key = self._key(args, kwargs)
        entries = self.entries
        with self.lock:
            if key in entries:
                entries.move_to_end(key)  # the least recently used entry goes first
                return entries[key]
            key_lock = self.key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self.lock:
                if key in entries:  # computed by another session while this one waited
                    return entries[key]
            try:
                value = _frozen(self.func(*args, **kwargs))
            except BaseException:
                with self.lock:
                    self.key_locks.pop(key, None)
                raise
            with self.lock:
                entries[key] = value
                while len(entries) > self.max_entries:
                    entries.popitem(last=False)
                self.key_locks.pop(key, None)
        return value

    def clear(self):
        with self.lock:
            self.entries.clear()


def _frozen(value):
    """``value`` with the numpy arrays in it (itself, in a tuple, list or dict, or a dataclass's fields) read-only."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, (tuple, list)):
        for item in value:
            _frozen(item)
    elif isinstance(value, dict):
        for item in value.values():
            _frozen(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _frozen(getattr(value, field.name))
    return value


def memo(max_entries: int = ENTRIES):
    return lambda func: _Memo(func, max_entries)


def clear_all():
    """Empty every ``memo`` cache (tests; ``st.cache_data.clear()`` does not reach them)."""
    for cached in _Memo.registry:
        cached.clear()
