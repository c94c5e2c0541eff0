# Compares ctq's CSV output of each blog query with DuckDB's --dump (multisets of rows).
import csv, io, json, re, subprocess, sys
ctq, logs, queries, dump = sys.argv[1:5]
duck = json.load(open(dump))
text = open(queries).read()
parts = re.split(r'^-- (q\w+):.*$', text, flags=re.M)[1:]
ok = True
for name, sql in zip(parts[0::2], parts[1::2]):
    out = subprocess.run([ctq, '--logs', logs, '--format', 'csv', '-c', sql.strip()], capture_output=True, text=True)
    if out.returncode != 0:
        print(name, 'ERROR', out.stderr); ok = False; continue
    rows = list(csv.reader(io.StringIO(out.stdout)))[1:]
    # NULL is an empty field in ctq's CSV; DuckDB dumps null.
    mine = sorted(tuple(v for v in r) for r in rows)
    theirs = sorted(tuple('' if v is None else v for v in r) for r in duck[name])
    same = mine == theirs
    ok &= same
    print(f'{name}: ctq {len(mine)} rows, duckdb {len(theirs)} rows, {"same" if same else "DIFFERENT"}')
    if not same:
        a, b = set(mine), set(theirs)
        for r in list(a - b)[:3]: print('  only ctq   ', r)
        for r in list(b - a)[:3]: print('  only duckdb', r)
sys.exit(0 if ok else 1)
