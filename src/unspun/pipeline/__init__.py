"""Analyzer protocol, registry and the checked pipeline."""

from unspun.pipeline.analyzer import Analyzer, BaseAnalyzer
from unspun.pipeline.pipeline import Pipeline, check_order

__all__ = ["Analyzer", "BaseAnalyzer", "Pipeline", "check_order"]
