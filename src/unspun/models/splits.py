"""Deterministic train/validation splits carved from the official train sets.

A salted hash of a stable key (an article id, a sentence id) decides membership, so every command and the
quality gate see the same split without storing it, and adding data never reshuffles existing items.
Official dev and test sets are never used here: they are kept for independent evaluation.
"""

from __future__ import annotations

import hashlib

SALT = "unspun-validation-v1"
DEFAULT_FRACTION = 0.2


def bucket(key: str, salt: str = SALT) -> float:
    """A number in [0, 1) fixed by ``key``."""
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def is_validation(key: str, fraction: float = DEFAULT_FRACTION, salt: str = SALT) -> bool:
    """True when ``key`` belongs to the validation part."""
    return bucket(key, salt) < fraction


def fold_of(key: str, k: int, salt: str = SALT) -> int:
    """The cross-validation fold (0..k-1) of ``key``."""
    return int(bucket(key, salt + ":folds") * k)
