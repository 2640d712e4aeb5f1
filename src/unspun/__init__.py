"""unspun: reads news the way a careful fact-checker does, and shows its evidence.

Public API: :func:`analyze`, :class:`Document`, :class:`Span`, :func:`load_pipeline`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("unspun")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

from unspun.api import analyze, load_pipeline
from unspun.document import Document, Span

__all__ = ["Document", "Span", "__version__", "analyze", "load_pipeline"]
