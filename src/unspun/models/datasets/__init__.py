"""Readers for the training and evaluation corpora under the shared data folder."""
