"""Benchmarks, fuzzing and fault scripts of issue 8: run from the project root, never part of the desk."""
