#!/usr/bin/env python3
"""Plants small bugs in the source, one at a time, and says which the tests notice.

    python3 tools/mutate.py [--list FILE] [--only NAME,NAME] [--keep]   (make mutate)

Each mutation of the list (tools/mutations.txt by default) replaces one exact piece of a
source file (it must occur exactly once) with another: a comparison flipped, a check dropped,
a bound off by one, a write moved out of its transaction. For each, in a scratch copy of this
tree (the working files as they are, and a copy of build/ so that only what changed is
rebuilt): apply it, `make all`, run the suites the mutation names through tests/run.sh, put
the file back. A mutation is *killed* when that run is red, *survived* when it is green, and
*not built* when the tree no longer compiles (a mutation to rewrite, not a score). The suites
are first run once on the unchanged tree: a suite that is red without any mutation would kill
everything, and the run stops there.

Prints one line per mutation and closes with "mutations: N killed, N survived, N not built";
exit status 1 when one survived or did not build. Not part of `make test`: it builds and
runs suites once per mutation, minutes each.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KEYS = ('name', 'file', 'from', 'to', 'suites', 'why')


def unescape(value):
    """\\t, \\n and \\\\ in a value; any other backslash stays as it is."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == '\\' and i + 1 < len(value):
            nxt = value[i + 1]
            if nxt in 'tn\\':
                out.append({'t': '\t', 'n': '\n', '\\': '\\'}[nxt])
            else:
                out.append(c + nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def parse(path):
    """Blocks of `key: value` lines separated by blank lines; '#' starts a comment line.
    In from and to, \\t, \\n and \\\\ stand for a tab, a newline and a backslash (write a
    backslash of the code as \\\\ when a t or n follows it)."""
    muts, cur, errors = [], None, []
    text = path.read_text(encoding='utf-8')
    for no, line in enumerate(text.splitlines() + [''], 1):
        if line.startswith('#'):
            continue
        if not line.strip():
            if cur is not None:
                missing = [k for k in KEYS if k not in cur and k != 'why']
                if missing:
                    errors.append('%s:%d: mutation missing %s' % (path, cur['line'], ', '.join(missing)))
                muts.append(cur)
                cur = None
            continue
        m = re.match(r'([a-z]+): ?(.*)\Z', line)
        if not m or m.group(1) not in KEYS:
            errors.append('%s:%d: not "key: value" with a key of %s' % (path, no, ', '.join(KEYS)))
            continue
        if cur is None:
            cur = {'line': no}
        key, value = m.group(1), m.group(2)
        if key in cur:
            errors.append('%s:%d: %s given twice' % (path, no, key))
        if key in ('from', 'to'):
            value = unescape(value)
        cur[key] = value
    names = [m['name'] for m in muts if 'name' in m]
    for n in sorted({n for n in names if names.count(n) > 1}):
        errors.append('%s: mutation %s given twice' % (path, n))
    return muts, errors


def check_applies(muts, root, list_path):
    errors = []
    for m in muts:
        src = root / m['file']
        if not src.is_file():
            errors.append('%s:%d: %s: no file %s' % (list_path, m['line'], m['name'], m['file']))
            continue
        n = src.read_text(encoding='utf-8').count(m['from'])
        if n != 1:
            errors.append('%s:%d: %s: "from" occurs %d times in %s (must be once)'
                          % (list_path, m['line'], m['name'], n, m['file']))
    return errors


def copy_tree(dst):
    files = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
                           cwd=REPO, check=True, capture_output=True).stdout.split(b'\0')
    for f in filter(None, files):
        rel = f.decode()
        src = REPO / rel
        if not src.is_file():
            continue
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst / rel)
    if (REPO / 'build').is_dir():   # objects and stamps keep their times: an incremental build
        shutil.copytree(REPO / 'build', dst / 'build', symlinks=True,
                        ignore=shutil.ignore_patterns('test-logs', 'golden-failures'))


def sh(cmd, cwd, log, env=None, timeout=3600):
    with open(log, 'ab') as out:
        out.write(('$ %s\n' % ' '.join(cmd)).encode())
        out.flush()
        try:
            return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                  env=env, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            out.write(b'timed out\n')
            return 124


def run_suites(root, suites, log):
    """tests/run.sh on those suites: (green, the failed checks' names)."""
    env = dict(os.environ, TESTS=suites, B='build', TEST_LOGS='build/test-logs')
    before = Path(log).stat().st_size if Path(log).exists() else 0
    rc = sh(['sh', 'tests/run.sh'], root, log, env)
    with open(log, 'rb') as f:
        f.seek(before)
        text = f.read().decode('utf-8', 'replace')
    fails = re.findall(r'^FAIL (?:suite )?([A-Za-z0-9_.-]+)', text, re.M)
    return rc == 0, fails


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--list', default=str(REPO / 'tools' / 'mutations.txt'))
    ap.add_argument('--only', default='', help='comma-separated mutation names')
    ap.add_argument('--keep', action='store_true', help='keep the scratch tree')
    ap.add_argument('--jobs', default='2')
    args = ap.parse_args()

    list_path = Path(args.list)
    muts, errors = parse(list_path)
    only = [n for n in args.only.split(',') if n]
    unknown = [n for n in only if n not in {m.get('name') for m in muts}]
    errors += ['--only: no mutation %s in %s' % (n, list_path) for n in unknown]
    if only:
        muts = [m for m in muts if m.get('name') in only]
    if not errors:
        errors = check_applies(muts, REPO, list_path)
    if errors:
        print('\n'.join(errors), file=sys.stderr)
        return 2

    scratch = Path(tempfile.mkdtemp(prefix='kiosk-mutate.'))
    log = scratch / 'mutate.log'
    print('mutate: scratch tree %s, log %s' % (scratch, log), flush=True)
    copy_tree(scratch / 'tree')
    root = scratch / 'tree'
    make = ['make', '-j' + args.jobs, 'all']
    if sh(make, root, log) != 0:
        print('mutate: the unchanged tree does not build; see %s' % log, file=sys.stderr)
        return 2
    suites = ' '.join(sorted({s for m in muts for s in m['suites'].split()}))
    green, fails = run_suites(root, suites, log)
    if not green:
        print('mutate: red without any mutation (%s): %s' % (suites, ', '.join(fails[:5])),
              file=sys.stderr)
        return 2
    print('mutate: baseline green: %s' % suites, flush=True)

    score = {'killed': 0, 'survived': 0, 'not built': 0}
    for m in muts:
        src = root / m['file']
        orig = src.read_text(encoding='utf-8')
        t0 = time.monotonic()
        src.write_text(orig.replace(m['from'], m['to'], 1), encoding='utf-8')
        try:
            if sh(make, root, log) != 0:
                verdict, detail = 'not built', 'see the log'
            else:
                green, fails = run_suites(root, m['suites'], log)
                verdict = 'survived' if green else 'killed'
                detail = ('by ' + ', '.join(dict.fromkeys(fails))) if fails else m['suites']
        finally:
            src.write_text(orig, encoding='utf-8')
            os.utime(src)   # newer than the mutant's object: rebuilt next time
        score[verdict] += 1
        print('%-9s %s (%s; %s) %s [%d s]' % (verdict, m['name'], m['file'], m.get('why', ''),
                                             detail, time.monotonic() - t0), flush=True)
    sh(make, root, log)
    print('mutations: %d killed, %d survived, %d not built'
          % (score['killed'], score['survived'], score['not built']))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if score['survived'] == 0 and score['not built'] == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
