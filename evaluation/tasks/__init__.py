"""One module per evaluated model.

Each defines ``NAME``, ``DATA`` (folders under the data dir whose files are hashed) and
``evaluate(data_dir: Path) -> dict[str, float]``, which scores the shipped artifact on the validation split
carved from train (``unspun.models.splits``).
"""
