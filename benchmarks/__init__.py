"""Speed and memory benchmarks (see README.md); never run as tests."""
