"""Quality gate: every shipped model is scored on its validation split against pinned minimums."""
