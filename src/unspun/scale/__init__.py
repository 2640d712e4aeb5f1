"""Scale-out: batching and scheduling only, no business logic (``local`` process pool; Dask later)."""

from unspun.scale.local import LocalPool, Outcome, default_workers

__all__ = ["LocalPool", "Outcome", "default_workers"]
