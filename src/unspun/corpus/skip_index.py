"""The skip index: which documents a store already holds, and by which pipeline, in little memory.

Every worker needs it (to skip a file it has just read), so it travels in the workers' init arguments.
A dict of doc_id -> fingerprint costs about 12 MB per 100,000 stored documents in each process; here the
ids are kept as sorted 16-byte values, one array per pipeline fingerprint (a store holds a handful), about
1.6 MB per 100,000, looked up by binary search. Hand-written because no library in the stack offers a
compact sorted set of fixed-width keys that pickles as one buffer; numpy's ``searchsorted`` does the work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

ID_BYTES = 16  # identity.doc_id is 32 hex digits


def _key(doc_id: str) -> bytes | None:
    """The 16 bytes of a well-formed doc_id, else None."""
    if len(doc_id) != 2 * ID_BYTES:
        return None
    try:
        return bytes.fromhex(doc_id)
    except ValueError:
        return None


class SkipIndex:
    """``index.get(doc_id)``: the fingerprint the document is stored with, or None when it is not stored."""

    def __init__(self, stored: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = stored.items() if isinstance(stored, Mapping) else stored
        groups: dict[str, list[bytes]] = {}
        self._other: dict[str, str] = {}  # ids not made by identity.doc_id (hand-built stores, tests)
        for doc_id, fingerprint in pairs:
            key = _key(doc_id)
            if key is None:
                self._other[doc_id] = fingerprint
            else:
                groups.setdefault(fingerprint, []).append(key)
        self._groups = {fp: np.sort(np.array(keys, dtype=f"S{ID_BYTES}")) for fp, keys in groups.items()}
        self._size = len(self._other) + sum(len(a) for a in self._groups.values())

    def get(self, doc_id: str, default: str | None = None) -> str | None:
        key = _key(doc_id)
        if key is None:
            return self._other.get(doc_id, default)
        probe = np.array(key, dtype=f"S{ID_BYTES}")
        for fingerprint, ids in self._groups.items():
            i = int(np.searchsorted(ids, probe))
            if i < len(ids) and ids[i] == probe:
                return fingerprint
        return default

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.get(doc_id) is not None

    def __len__(self) -> int:
        return self._size

    @property
    def nbytes(self) -> int:
        """Bytes held by the id arrays (the dict fallback not counted)."""
        return sum(a.nbytes for a in self._groups.values())
