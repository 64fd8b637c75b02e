"""The hostile-seed corpus: `from hostile.corpus import CASES, write_corpus`."""
