#!/usr/bin/env python3
"""Writes every query of the SQL golden tests (tests/sql/**/*.test) into a
directory, one file a query, as a seed corpus for sql_eval_fuzzer.

The golden tests hold the shapes, functions and edge values the engine
supports; starting from them the fuzzer mutates real queries instead of
discovering SQL from scratch. Queries over other logs than sql/basic still
make good seeds: the fuzzer's table has the same columns.

Usage: make_sql_eval_corpus.py OUTPUT_DIR
"""
import hashlib
import pathlib
import sys

MAX_BYTES = 2048  # sql_eval_fuzzer's input cap


def queries(test_file):
    """Yields the SQL of each `query` / `statement` block of a .test file."""
    lines = test_file.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith(("query", "statement")):
            i += 1
            sql = []
            while i < len(lines) and lines[i] != "----" and lines[i].strip():
                sql.append(lines[i])
                i += 1
            if sql:
                yield "\n".join(sql)
        i += 1


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = pathlib.Path(__file__).resolve().parents[1] / "sql"
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for test_file in sorted(root.rglob("*.test")):
        for sql in queries(test_file):
            data = sql.encode("utf-8")
            if len(data) > MAX_BYTES:
                continue
            name = hashlib.sha1(data).hexdigest()
            (out / name).write_bytes(data)
            written += 1
    print(f"wrote {written} queries to {out}")


if __name__ == "__main__":
    main()
