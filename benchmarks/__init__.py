"""Benchmarks: each script prints its figures against a reference measured in the same run.

A package so that every script runs as a module from the repository root
(``python -m benchmarks.<name>``) and imports the shared browser helpers from :mod:`labtools`
without editing ``sys.path``. See benchmarks/README.md.
"""
