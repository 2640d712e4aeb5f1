"""Trainable, scikit-learn-like models with reproducible training and pickle-free artifacts."""
