#!/usr/bin/env python3
"""includes.py [ROOT] [-v]: the module include graph of the C sources (firmware/, journeys,
drivers/, ui/): a module is a .c/.h pair (x_internal.h belongs to x);
an edge a -> b when a file of a includes a header of b. Prints the cycles (strongly connected
components of more than one module) and, with -v, every edge. Exits 1 when there is a cycle
(the build runs it with the layers' check: modules include one another in one direction)."""
import re, os, sys, glob
root = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('-') else '.'
files = []
for d in ('firmware', 'firmware/journey', 'drivers', 'ui'):
    files += glob.glob(f'{root}/{d}/*.[ch]')
def mod(path):
    rel = os.path.relpath(path, root)
    base = os.path.splitext(rel)[0]
    return base[:-len('_internal')] if base.endswith('_internal') else base
mods = {mod(f) for f in files}
edges = {m: set() for m in mods}
for f in files:
    m = mod(f)
    for line in open(f, errors='replace'):
        r = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
        if not r:
            continue
        p = r.group(1)
        cand = [os.path.normpath(os.path.join(os.path.dirname(os.path.relpath(f, root)), p)), os.path.normpath(p)]
        for c in cand:
            if os.path.exists(os.path.join(root, c)):
                t = mod(os.path.join(root, c))
                if t in mods and t != m:
                    edges[m].add(t)
                break
idx, low, st, on, sccs, c = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
    for w in sorted(edges[v]):
        if w not in idx:
            sc(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        s = []
        while True:
            w = st.pop(); on.discard(w); s.append(w)
            if w == v:
                break
        sccs.append(s)
for v in sorted(mods):
    if v not in idx:
        sc(v)
n = 0
for s in sccs:
    if len(s) > 1:
        n += 1
        print('cycle:', ' '.join(sorted(s)))
if '-v' in sys.argv:
    for m in sorted(edges):
        print(m, '->', ' '.join(sorted(edges[m])))
print(f'{len(mods)} modules, {sum(len(e) for e in edges.values())} edges, {n} cycles')
sys.exit(1 if n else 0)
