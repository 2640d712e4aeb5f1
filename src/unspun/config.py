"""Defaults and validated options, passed around as one object instead of many keyword arguments.

Each threshold is a named constant with a note on how it was set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unspun.errors import ConfigError

# Inputs over this size are refused rather than truncated, so that nothing is lost silently.
# 10 MB holds any news article with its HTML many times over.
DEFAULT_MAX_BYTES = 10_000_000
# Seconds to wait for a URL (connect + read); long enough for slow news sites, short enough not to hang.
DEFAULT_TIMEOUT_S = 20.0
# Redirect chains longer than this are almost always loops or trackers.
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_USER_AGENT = "unspun/{version} (+news-analysis; research use)"


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read and fetched."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private_network: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    language: str | None = None  # force a language instead of detecting it

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.timeout_s <= 0:
            raise ConfigError(f"timeout_s must be positive, got {self.timeout_s}")
        if self.max_redirects < 0:
            raise ConfigError(f"max_redirects must be >= 0, got {self.max_redirects}")


@dataclass(frozen=True)
class PipelineOptions:
    """Which analyzers run, in which order, with which options.

    ``stages=None`` means every built-in analyzer, in the order of ``unspun.analyzers.BUILTIN``.
    """

    stages: tuple[str, ...] | None = None
    stage_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_size: int = 32

    def resolved_stages(self) -> tuple[str, ...]:
        if self.stages is not None:
            return self.stages
        from unspun.analyzers import BUILTIN

        return tuple(BUILTIN)
