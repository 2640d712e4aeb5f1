"""Typed errors. Each message says what went wrong and what to do about it.

Every error carries an ``exit_code`` that the command line uses (see docs/cli.md):
0 ok, 1 internal error, 2 usage or configuration, 3 bad input, 4 model or artifact problem.
"""

from __future__ import annotations


class UnspunError(Exception):
    """Base class of every error unspun raises on purpose."""

    exit_code: int = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


# --- usage and configuration (exit 2) ---------------------------------------------------------
class ConfigError(UnspunError):
    """The configuration or a command-line option is invalid."""

    exit_code = 2


class UnknownAnalyzerError(ConfigError):
    """A pipeline names an analyzer that is not registered."""


class PipelineOrderError(ConfigError):
    """A stage requires a layer that no earlier stage produces."""


# --- bad input (exit 3) -----------------------------------------------------------------------
class InputError(UnspunError):
    """The input cannot be turned into a Document."""

    exit_code = 3


class InputNotFoundError(InputError):
    """A path does not exist or cannot be read."""


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input looks like binary data, not text or HTML."""


class DecodingError(InputError):
    """The bytes cannot be decoded as text in any plausible encoding."""


class InputTooLargeError(InputError):
    """The input is over the configured size limit."""


class UnsupportedFormatError(InputError):
    """The input's type or format is not one unspun reads."""


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP error, wrong content type)."""


class BlockedAddressError(FetchError):
    """A URL resolves to an address that is refused (loopback, private, link-local, ...)."""


class DocumentError(InputError, ValueError):
    """A Document or span is malformed: offsets out of range, bad JSON, wrong schema version."""


# --- models and artifacts (exit 4) ------------------------------------------------------------
class ModelError(UnspunError):
    """A model artifact is missing, corrupt or incompatible."""

    exit_code = 4


class DataNotFoundError(ModelError):
    """Training or evaluation data is not where it was expected."""
