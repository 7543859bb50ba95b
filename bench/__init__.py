"""polypact's benchmarks: figures and ratios against pact-python 4.2.0, never timed tests.

Run ``make bench`` (``python bench/run.py``). Each ``bench/*_bench.py`` module contributes a
``run() -> list[Result]`` function; see :mod:`bench.common`.
"""
