#!/usr/bin/env python3
"""Reference central system for the kiosk protocol, version 1 (docs/protocol.md).

    tools/central_server.py [--port 0] [--db FILE] [--certs DIR] [--server-cert NAME]
        [--catalog FILE] [--procedures FILE] [--no-tls] [--skew-s S]
        [--fail-first N] [--fail-status 503] [--retry-after S] [--slow-ms MS]
        [--malformed] [--wrong-types] [--truncate] [--huge] [--excess] [--cut-first N] [--replay]
        [--short-counts]
        [--faults-on PREFIXES] [--central-max N] [--numbers-reply FAULT]

Prints exactly one line "listening PORT" on stdout once bound (127.0.0.1 only), then one line
per request on stderr ("METHOD PATH STATUS MS", never bodies; a dossier code or ticket id in
the path is written as "…"). Stops cleanly on SIGTERM/SIGINT.

Transport: HTTPS with mutual TLS (TLS 1.2 minimum). DIR holds server.pem, server.key and ca.pem
(tools/devca.sh makes them; --server-cert NAME serves NAME.pem/NAME.key instead, e.g.
expired-server, wrong-host-server or other-server to test the kiosk's checks); a client must present a certificate issued by ca.pem, and its CN is
the kiosk id. With --no-tls the server speaks plain HTTP and takes the kiosk id from the
X-Kiosk-Id header, else from the body's "kiosk" (POST), else KIOSK-01.

The demo unit: fields and services come from the catalogue file; unless the file has its own
[counter.*] / [officer.*] sections, one counter per counter number its services name and one
officer per counter are derived (names, titles, office phones, placeholder photos with the
officer's initials) and appended to the catalogue served. Dossiers are seeded at start-up,
relative to the server's local (UTC+7) today: every status 1..10, one overdue, one
rescheduled and on time, one rescheduled and overdue again, finished ones past their due
date, with full owner names (a real adapter should send masked names; the kiosk masks anyway).

Endpoints:
  POST /api/v1/events     strict validation, INSERT OR IGNORE by id -> {"accepted", "duplicates"}
  POST /api/v1/heartbeat  keeps the last heartbeat per kiosk, marks its "acks" -> {"time",
                          "commands": [{"id", "kind", "message"}]}: every command queued for
                          the kiosk and not yet acknowledged
  GET  /api/v1/queue      simulated counters (see simulate) with Cache-Control: max-age=10
  GET  /api/v1/catalog    the catalogue INI with a strong ETag (sha256) and 304 on If-None-Match
  GET  /api/v1/procedures the procedures INI (docs/procedures.md), read from its file at each
                          request, with a strong ETag and 304 likewise
  GET  /api/v1/dossiers/{code}             a dossier (code URL-encoded) or 404 {"error"}
  GET  /api/v1/tickets/{ticket_id}/officer {"ticket", "served": true, "officer", "counter",
                          "called_at"} once the simulated counters called it, {"ticket",
                          "served": false} before, 404 for a ticket never issued
  GET  /api/v1/officers/{id}/photo         image/png, the placeholder portrait
  POST /api/v1/numbers    central numbering: {"kiosk", "request", "service", "priority",
                          "day"} -> {"request", "service", "day", "seq"}: the next number of
                          (service, day) for the whole unit (every kiosk), 1..--central-max
                          (default 899; 503 beyond), the same one again for the same request;
                          409 for a request the kiosk reported it numbered itself. A
                          ticket.issued event with "numbering": "fallback" voids the number
                          given for its request (never called); "central" marks it issued.
Test helpers (never subject to faults):
  GET  /api/v1/admin/stats     {"events", "distinct_ids", "by_kind", "heartbeats"}
  GET  /api/v1/admin/dossiers  {"dossiers": [{"code", "status", "overdue", "rescheduled"}]}
  GET  /api/v1/admin/help      {"help": [{"kiosk", "at", "screen", "voice", "received_at"}]}:
                               the calls for help (help.requested) as the guidance counter's
                               screen lists them, newest first
  POST /api/v1/admin/call-next {"service": "A", "kiosk"?: CN, "day"?: YYYYMMDD (today)}: the
                               counters call that service's next waiting number now ->
                               {"called": seq or null}
  POST /api/v1/admin/commands {"kiosk", "kind", "message"?} queues a command -> {"id"}
  GET  /api/v1/admin/command-status  {"commands": [{"id", "kiosk", "kind", "message",
                               "delivered", "acked"}]}
  GET  /api/v1/admin/numbers   {"numbers": [{"kiosk", "request", "service", "day", "seq",
                               "state": "assigned|issued|void|fallback"}], "tickets": [{"kiosk",
                               "service", "day", "seq", "numbering", "request", "status",
                               "called"}]}
  POST /api/v1/admin/faults    {"slow_ms", "malformed", "wrong_types", "huge", "truncate",
                               "fail_first", "fail_status", "numbers_reply"} (any subset):
                               change the faults of the running server -> the current values
POST bodies must be Content-Type application/json with a Content-Length of at most 1 MiB
(else 415 / 411 / 413). Errors are {"error": "..."}; unknown paths 404, wrong methods 405.

Fault injection (never applied to /api/v1/admin/*; requests are counted from 1 in arrival order):
  --faults-on P   only requests whose path starts with one of the comma-separated prefixes P
                  get faults (and are counted), e.g. /api/v1/dossiers,/api/v1/tickets
  --cut-first N   the first N requests are processed (events are stored) and then the
                  connection is closed without any response: the "lost answer" case.
  --fail-first N  the next N requests are answered with --fail-status (default 503) and not
                  processed; Retry-After is sent when --retry-after is given.
  --slow-ms MS    every response is delayed by MS after processing.
  --malformed     every response is 200 with a body that is not JSON (requests are processed).
  --wrong-types   every 200 JSON reply has its numbers and booleans turned into strings.
  --truncate      every response announces a Content-Length larger than the body sent, then
                  the connection is closed (requests are processed).
  --huge          every response is 200 with a 5 MB JSON object (requests are processed).
  --excess        every response is followed by bytes past its Content-Length (requests are
                  processed): the next response on that connection is garbage.
  --replay        the first events POST is processed; every later one is answered with the
                  status and body of the first, and NOT stored (a replayed response).
  --short-counts  every events POST is processed and answered with its batch's name, but
                  counting one event fewer (accepted + duplicates short of the batch).
  --numbers-reply F  every number is assigned, then answered wrong: wrong-request,
                  wrong-service, wrong-day (another request, service or day), no-seq, or
                  seq:N (that number instead).
"""
import argparse
import hashlib
import http.server
import json
import os
import re
import signal
import socket
import sqlite3
import ssl
import sys
import threading
import struct
import time
import unicodedata
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_BODY = 1 << 20
MAX_EVENTS = 500
LOCAL_TZ = timezone(timedelta(hours=7))
AVG_SERVICE_S = 300
OPEN_COUNTERS = 2
ID_RE = re.compile(r'[0-9a-f]{32}\Z')
# the kinds docs/protocol.md defines; anything else is refused, not stored
KINDS = frozenset(('ticket.issued', 'ticket.printed', 'ticket.voided', 'ticket.shown',
                   'ticket.reprinted', 'rating.submitted', 'health.printer', 'kiosk.lock',
                   'kiosk.reload', 'kiosk.staff', 'kiosk.salvage', 'help.requested',
                   'procedure.usage'))
# a request body must arrive whole within this many seconds, however slowly it drips
BODY_DEADLINE_S = 10
HEARTBEAT_FIELDS = {'kiosk': str, 'version': str, 'uptime_s': int, 'printer': str,
                    'backlog': int, 'time': int}

# The server's clock, which --skew-s moves away from the kiosk's (clock skew between a kiosk
# and the central system must change nothing the kiosk reports or keeps).
SKEW_S = 0


def now_s():
    return time.time() + SKEW_S

REPO = Path(__file__).resolve().parent.parent


class BadRequest(Exception):
    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


TICKET_RE = re.compile(r'(.+)-([0-9]{8})-([A-Z]{1,2})([0-9]+)\Z')
# the faults POST /api/v1/admin/faults may change, with their types
RUNTIME_FAULTS = {'slow_ms': int, 'malformed': bool, 'wrong_types': bool, 'huge': bool,
                  'truncate': bool, 'fail_first': int, 'fail_status': int, 'numbers_reply': str}
NUMBERS_FIELDS = {'kiosk': str, 'request': str, 'service': str, 'priority': int, 'day': int}
SERVICE_RE = re.compile(r'[A-Z]{1,2}\Z')


def log_path(path):
    """The path for the log: a dossier code or ticket id in it is elided."""
    return re.sub(r'^(/api/v1/(?:dossiers|tickets))/[^/]+', r'\1/…', path)


def wrong_types(v):
    """The --wrong-types fault: the same reply with every number and boolean as a string."""
    if isinstance(v, dict):
        return {k: wrong_types(x) for k, x in v.items()}
    if isinstance(v, list):
        return [wrong_types(x) for x in v]
    if isinstance(v, (bool, int, float)):
        return str(v).lower()
    return v


def local_day(now):
    return int(datetime.fromtimestamp(now, LOCAL_TZ).strftime('%Y%m%d'))


class Store:
    """One SQLite connection shared by the handler threads behind a lock."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if path != ':memory:':
            self.db.execute('PRAGMA journal_mode=WAL')
        self.db.execute('PRAGMA busy_timeout=5000')
        self.db.executescript('''
            -- an event id is unique for its kiosk: another kiosk's id never hides one
            CREATE TABLE IF NOT EXISTS events(id TEXT NOT NULL, kiosk TEXT NOT NULL,
                kind TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL,
                received_at INTEGER NOT NULL, PRIMARY KEY (kiosk, id));
            CREATE INDEX IF NOT EXISTS events_kiosk_kind ON events(kiosk, kind);
            CREATE TABLE IF NOT EXISTS heartbeats(kiosk TEXT PRIMARY KEY, at INTEGER NOT NULL,
                body TEXT NOT NULL, received_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS commands(id TEXT PRIMARY KEY, kiosk TEXT NOT NULL,
                kind TEXT NOT NULL, message TEXT NOT NULL, created_at INTEGER NOT NULL,
                delivered INTEGER NOT NULL DEFAULT 0, acked_at INTEGER);
            -- central numbering: one row per request a kiosk asked a number for (or reported
            -- it numbered itself); state assigned (given, no ticket reported yet), issued (a
            -- ticket.issued event used it), void (the kiosk used a fallback number for the
            -- request: never a ticket, never called) or fallback (no number was given here)
            CREATE TABLE IF NOT EXISTS numbers(kiosk TEXT NOT NULL, request TEXT NOT NULL,
                service TEXT NOT NULL, day INTEGER NOT NULL, priority INTEGER NOT NULL,
                seq INTEGER, state TEXT NOT NULL, at INTEGER NOT NULL, settled_at INTEGER,
                PRIMARY KEY (kiosk, request));
            CREATE UNIQUE INDEX IF NOT EXISTS numbers_seq ON numbers(service, day, seq)
                WHERE seq IS NOT NULL;
        ''')

    def add_events(self, kiosk, events, now):
        with self.lock:
            self.db.execute('BEGIN IMMEDIATE')
            try:
                new = 0
                for e in events:
                    cur = self.db.execute(
                        'INSERT OR IGNORE INTO events(id, kiosk, kind, at, body, received_at) '
                        'VALUES (?, ?, ?, ?, ?, ?)',
                        (e['id'], kiosk, e['kind'], e['at'],
                         json.dumps(e['body'], ensure_ascii=False, separators=(',', ':')), now))
                    new += cur.rowcount
                    if cur.rowcount and e['kind'] == 'ticket.issued':
                        self._settle_number(kiosk, e['body'], now)
                self.db.execute('COMMIT')
            except BaseException:
                self.db.execute('ROLLBACK')
                raise
        return new, len(events) - new

    def _settle_number(self, kiosk, body, now):
        """A ticket.issued event of a kiosk in central numbering: its central number is now
        used (issued), or, when the kiosk numbered the ticket itself (fallback), the number
        given for that request (if any) is void; a request never asked about is recorded as
        settled, so that a number asked for it later is refused."""
        numbering, req = body.get('numbering'), body.get('request')
        if numbering not in ('central', 'fallback') or not isinstance(req, str) or \
                not ID_RE.match(req):
            return
        row = self.db.execute('SELECT seq, state FROM numbers WHERE kiosk = ? AND request = ?',
                              (kiosk, req)).fetchone()
        if numbering == 'central':
            if row is not None and row[1] == 'assigned' and row[0] == body.get('seq'):
                self.db.execute("UPDATE numbers SET state = 'issued', settled_at = ? WHERE "
                                "kiosk = ? AND request = ?", (now, kiosk, req))
            return
        if row is None:
            svc, day, prio = body.get('service'), body.get('day'), body.get('priority')
            self.db.execute("INSERT INTO numbers(kiosk, request, service, day, priority, seq, "
                            "state, at, settled_at) VALUES (?, ?, ?, ?, ?, NULL, 'fallback', ?, ?)",
                            (kiosk, req, svc if isinstance(svc, str) else '',
                             day if is_int(day) else 0, prio if is_int(prio) else 0, now, now))
        elif row[1] in ('assigned', 'issued'):
            self.db.execute("UPDATE numbers SET state = 'void', settled_at = ? WHERE "
                            "kiosk = ? AND request = ?", (now, kiosk, req))

    def assign_number(self, kiosk, req, service, day, priority, now, central_max):
        """The unit's number for a kiosk's request: the same one every time it is asked
        (idempotent), else the next of (service, day) for every kiosk of the unit, at most
        central_max (the kiosks' reserved ranges lie above it). BadRequest 409 for a request
        the kiosk numbered itself or asked for another service or day, 503 when the central
        numbers are used up."""
        with self.lock:
            self.db.execute('BEGIN IMMEDIATE')
            try:
                row = self.db.execute('SELECT service, day, seq, state FROM numbers WHERE '
                                      'kiosk = ? AND request = ?', (kiosk, req)).fetchone()
                if row is not None:
                    if row[3] in ('void', 'fallback'):
                        raise BadRequest(409, 'request already numbered by the kiosk')
                    if (row[0], row[1]) != (service, day):
                        raise BadRequest(409, 'request id used for another service or day')
                    self.db.execute('COMMIT')
                    return row[2]
                seq = self.db.execute('SELECT COALESCE(MAX(seq), 0) + 1 FROM numbers WHERE '
                                      'service = ? AND day = ?', (service, day)).fetchone()[0]
                if seq > central_max:
                    raise BadRequest(503, 'central numbers used up for today')
                self.db.execute("INSERT INTO numbers(kiosk, request, service, day, priority, "
                                "seq, state, at) VALUES (?, ?, ?, ?, ?, ?, 'assigned', ?)",
                                (kiosk, req, service, day, priority, seq, now))
                self.db.execute('COMMIT')
                return seq
            except BaseException:
                self.db.execute('ROLLBACK')
                raise

    def numbers(self):
        """Every central number and settled request, and every ticket the kiosks reported
        (its latest status), for GET /api/v1/admin/numbers."""
        with self.lock:
            nums = self.db.execute('SELECT kiosk, request, service, day, seq, state FROM numbers '
                                   'ORDER BY service, day, seq IS NULL, seq, at').fetchall()
            evs = self.db.execute("SELECT kiosk, kind, body FROM events WHERE kind LIKE "
                                  "'ticket.%' ORDER BY at, rowid").fetchall()
        tickets = {}
        for kiosk, kind, body in evs:
            try:
                b = json.loads(body)
            except ValueError:
                continue
            key = (kiosk, b.get('service'), b.get('day'), b.get('seq'))
            t = tickets.setdefault(key, {'kiosk': kiosk, 'service': key[1], 'day': key[2],
                                         'seq': key[3], 'numbering': 'local', 'request': None,
                                         'status': 'issued'})
            if kind == 'ticket.issued':
                t['numbering'] = b.get('numbering', 'local')
                t['request'] = b.get('request')
            else:
                t['status'] = kind.split('.', 1)[1]
        return {'numbers': [{'kiosk': k, 'request': r, 'service': sv, 'day': d, 'seq': sq,
                             'state': st} for k, r, sv, d, sq, st in nums],
                'tickets': list(tickets.values())}

    def heartbeat(self, kiosk, body, now):
        with self.lock:
            self.db.execute('INSERT OR REPLACE INTO heartbeats(kiosk, at, body, received_at) '
                            'VALUES (?, ?, ?, ?)',
                            (kiosk, body['time'], json.dumps(body, ensure_ascii=False), now))

    def add_command(self, kiosk, kind, message, now):
        cid = os.urandom(16).hex()
        with self.lock:
            self.db.execute('INSERT INTO commands(id, kiosk, kind, message, created_at) '
                            'VALUES (?, ?, ?, ?, ?)', (cid, kiosk, kind, message, now))
        return cid

    def exchange_commands(self, kiosk, acks, now):
        """Marks the kiosk's acknowledgements, then returns its commands still unacknowledged
        (each is sent with every heartbeat reply until acknowledged)."""
        with self.lock:
            for a in acks:
                self.db.execute('UPDATE commands SET acked_at = ? WHERE id = ? AND kiosk = ? '
                                'AND acked_at IS NULL', (now, a, kiosk))
            rows = self.db.execute('SELECT id, kind, message FROM commands WHERE kiosk = ? '
                                   'AND acked_at IS NULL ORDER BY created_at, rowid',
                                   (kiosk,)).fetchall()
            self.db.execute('UPDATE commands SET delivered = delivered + 1 WHERE kiosk = ? '
                            'AND acked_at IS NULL', (kiosk,))
        return [{'id': i, 'kind': k, 'message': m} for i, k, m in rows]

    def commands(self):
        with self.lock:
            rows = self.db.execute('SELECT id, kiosk, kind, message, delivered, acked_at '
                                   'FROM commands ORDER BY created_at, rowid').fetchall()
        return [{'id': i, 'kiosk': ks, 'kind': k, 'message': m, 'delivered': d,
                 'acked': a is not None} for i, ks, k, m, d, a in rows]

    def issued(self, kiosk):
        with self.lock:
            return self.db.execute("SELECT kind, at, body FROM events WHERE kiosk = ? AND "
                                   "kind IN ('ticket.issued', 'ticket.voided') ORDER BY rowid",
                                   (kiosk,)).fetchall()

    def help_calls(self):
        with self.lock:
            rows = self.db.execute("SELECT kiosk, at, body, received_at FROM events WHERE "
                                   "kind = 'help.requested' ORDER BY at DESC, rowid DESC"
                                   ).fetchall()
        out = []
        for kiosk, at, body, received in rows:
            b = json.loads(body)
            out.append({'kiosk': kiosk, 'at': at, 'screen': b['screen'], 'voice': b['voice'],
                        'received_at': received})
        return out

    def stats(self):
        with self.lock:
            n, distinct = self.db.execute(
                "SELECT count(*), count(DISTINCT kiosk || ':' || id) FROM events").fetchone()
            by_kind = dict(self.db.execute('SELECT kind, count(*) FROM events GROUP BY kind'))
            hb = self.db.execute('SELECT count(*) FROM heartbeats').fetchone()[0]
        return {'events': n, 'distinct_ids': distinct, 'by_kind': by_kind, 'heartbeats': hb}

    def close(self):
        with self.lock:
            self.db.close()



# --- the demo unit: directory, dossiers, officer photos ------------------------------------

def parse_ini(text):
    """The catalogue's INI syntax (config/catalog-demo.ini): [section], key = value, ';' and
    '#' comments. Returns [(section, {key: [values]})] in file order."""
    sections, cur = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in ';#':
            continue
        if line.startswith('[') and line.endswith(']'):
            cur = (line[1:-1].strip(), {})
            sections.append(cur)
        elif '=' in line and cur is not None:
            k, v = line.split('=', 1)
            cur[1].setdefault(k.strip(), []).append(v.strip())
    return sections


OFFICER_NAMES = ['Nguyễn Thị Hương', 'Trần Văn Minh', 'Lê Thị Thanh Hà', 'Phạm Quốc Huy',
                 'Hoàng Văn Nam', 'Đỗ Thị Lan Anh', 'Vũ Đức Thắng', 'Bùi Thị Ngọc Ánh']
OFFICER_TITLES = {
    'ho_tich': ('Công chức Tư pháp – Hộ tịch', 'Justice and civil status officer'),
    'chung_thuc': ('Công chức Tư pháp – Hộ tịch', 'Justice and civil status officer'),
    'dat_dai': ('Công chức Địa chính – Xây dựng', 'Land administration and construction officer'),
    'xa_hoi': ('Công chức Văn hóa – Xã hội', 'Culture and social affairs officer'),
    'kinh_doanh': ('Công chức Tài chính – Kế toán', 'Finance and accounting officer'),
}
OWNER_NAMES = ['Nguyễn Văn An', 'Trần Thị Bích Ngọc', 'Lê Hoàng Phúc', 'Phạm Minh Đức',
               'Hoàng Thị Mai', 'Đặng Quốc Bảo', 'Bùi Thị Thu Hà', 'Đỗ Thanh Tùng',
               'Ngô Thị Lan', 'Dương Văn Hùng', 'Lý Thị Hồng', 'Võ Minh Khoa',
               'Huỳnh Thị Kim Yến', 'Phan Văn Lợi', 'Trương Thị Diệu Linh']


class Directory:
    """Fields and services from the catalogue file; counters and officers derived from the
    services' counters (one officer per counter, in order), unless the file has its own
    [counter.*] / [officer.*] sections."""

    def __init__(self, catalog_text):
        secs = parse_ini(catalog_text)
        self.fields, self.services, self.counters, self.officers = {}, {}, {}, {}
        for name, kv in secs:
            kind, _, ident = name.partition('.')
            one = {k: v[-1] for k, v in kv.items()}
            if kind == 'field':
                self.fields[ident] = one
            elif kind == 'service':
                one['counter_list'] = [c.strip() for c in one.get('counters', '').split(',')
                                       if c.strip()]
                self.services[ident] = one
            elif kind == 'counter':
                self.counters[ident] = one
            elif kind == 'officer':
                self.officers[ident] = one
        self.generated = not self.counters and not self.officers
        if self.generated:
            self._derive()
        self.text = catalog_text
        if self.generated and self.counters:
            self.text = catalog_text.rstrip('\n') + '\n' + self._ini()

    def _derive(self):
        fields, nsvc = {}, {}
        for prefix, svc in sorted(self.services.items(),
                                  key=lambda kv: (int(kv[1].get('order', '0') or 0), kv[0])):
            for c in svc['counter_list']:
                nsvc[c] = nsvc.get(c, 0) + 1
                f = fields.setdefault(c, [])
                if svc.get('field') and svc['field'] not in f:
                    f.append(svc['field'])
        for c in sorted(fields, key=lambda c: (len(c), c)):
            self.counters[c] = {'name_vi': 'Quầy %s' % c, 'name_en': 'Counter %s' % c,
                                'fields': ', '.join(sorted(fields[c], key=self.field_order))}
        # one officer per counter, a second one at counters with three services or more
        seats = list(self.counters) + [c for c in self.counters if nsvc[c] >= 3]
        for i, cid in enumerate(seats):
            fs = [f.strip() for f in self.counters[cid]['fields'].split(',')]
            field = fs[(i >= len(self.counters)) % len(fs)]
            vi, en = OFFICER_TITLES.get(field, ('Công chức', 'Officer'))
            self.officers['cb%02d' % (i + 1)] = {
                'name': OFFICER_NAMES[i % len(OFFICER_NAMES)], 'title_vi': vi, 'title_en': en,
                'field': field, 'counter': cid, 'phone': '0203 3821 %03d' % (101 + i)}

    def field_order(self, fid):
        return (int(self.fields.get(fid, {}).get('order', '0') or 0), fid)

    def _ini(self):
        out = ['', '; ---- Counters and officers of the demo unit (tools/central_server.py).',
               '; Name, title, field and phone of every officer are public (Decree 118, art. 9.8).',
               '; Placeholder portraits: GET /api/v1/officers/<id>/photo (not a local path).']
        for cid, c in sorted(self.counters.items(), key=lambda kv: (len(kv[0]), kv[0])):
            out += ['', '[counter.%s]' % cid] + ['%s = %s' % (k, c[k])
                                                 for k in ('name_vi', 'name_en', 'fields')]
        for oid, o in sorted(self.officers.items()):
            out += ['', '[officer.%s]' % oid] + ['%s = %s' % (k, o[k]) for k in
                                                 ('name', 'title_vi', 'title_en', 'field',
                                                  'counter', 'phone')]
        return '\n'.join(out) + '\n'

    def officer_at(self, counter, turn=0):
        """The officer at counter (the turn-th of them, round robin), or None."""
        ids = sorted(oid for oid, o in self.officers.items() if o.get('counter') == counter)
        return ids[turn % len(ids)] if ids else None

    def service_names(self, prefix):
        svc = self.services.get(prefix, {})
        vi = svc.get('name_vi', prefix)
        return vi, svc.get('name_en', vi)


def day_start(now, offset_days=0):
    """UTC seconds of local midnight starting the local day offset_days after now's."""
    d = datetime.fromtimestamp(now, LOCAL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    return int((d + timedelta(days=offset_days)).timestamp())


# (status, received day, due day or None, rescheduled due day or None, daily number, agency)
# relative to the server's local today; every status 1..10, overdue and rescheduled ones.
DOSSIER_PLAN = [
    (1, 0, 5, None, 1, '000.00.01.H29'),
    (2, -1, 4, None, 12, '000.00.01.H29'),
    (3, -2, None, None, 3, '000.00.01.H29'),
    (4, -3, 2, None, 27, '000.00.01.H29'),
    (4, -10, -3, None, 5, '000.00.01.H29'),      # overdue by 3 days
    (4, -12, -2, 5, 8, '000.00.01.H29'),         # rescheduled after an apology, on time
    (5, -20, -10, -1, 14, 'H15.50.05.13'),       # rescheduled and overdue again
    (5, -4, 3, None, 975, 'H15.50.05.13'),
    (6, -6, 8, None, 41, '000.00.01.H29'),
    (7, -5, 1, None, 2, '000.00.01.H29'),
    (8, -15, -5, None, 19, '000.00.01.H29'),
    (9, -7, 0, None, 33, '000.00.01.H29'),       # result ready today
    (9, -14, -4, None, 6, '000.00.01.H29'),      # ready, finished late: not overdue any more
    (10, -30, -20, None, 1234567, 'G01.08.11'),  # a ministry-style 7-digit number
]


def seed_dossiers(now, directory):
    """The demo dossiers, keyed by code, with full owner names (the kiosk masks them)."""
    prefixes = sorted(directory.services) or ['A']
    out = {}
    for i, (status, rec, due, resched, n, agency) in enumerate(DOSSIER_PLAN):
        prefix = prefixes[i % len(prefixes)]
        received = day_start(now, rec) + 8 * 3600 + 15 * 60 + i * 600
        yymmdd = datetime.fromtimestamp(received, LOCAL_TZ).strftime('%y%m%d')
        code = '%s-%s-%04d' % (agency, yymmdd, n)
        vi, en = directory.service_names(prefix)
        counters = directory.services.get(prefix, {}).get('counter_list') or ['']
        counter = counters[0]
        current = resched if resched is not None else due
        out[code] = {
            'code': code, 'procedure': {'vi': vi, 'en': en},
            'owner': OWNER_NAMES[i % len(OWNER_NAMES)], 'status': status,
            'received_at': received,
            'due_at': None if due is None else day_start(now, due) + 17 * 3600,
            'rescheduled_due_at': None if resched is None else day_start(now, resched) + 17 * 3600,
            'counter': counter, 'service': prefix,
            'officer': directory.officer_at(counter) or '',
            # test helper only (GET /api/v1/admin/dossiers), never in a kiosk's reply
            '_overdue': status not in (3, 7, 8, 9, 10) and current is not None and current < 0,
        }
    return out


# A 5x7 font for the initials on the placeholder photos: rows top to bottom, 5 bits each.
FONT = {
    'A': (14, 17, 17, 31, 17, 17, 17), 'B': (30, 17, 17, 30, 17, 17, 30),
    'C': (14, 17, 16, 16, 16, 17, 14), 'D': (30, 17, 17, 17, 17, 17, 30),
    'E': (31, 16, 16, 30, 16, 16, 31), 'F': (31, 16, 16, 30, 16, 16, 16),
    'G': (14, 17, 16, 23, 17, 17, 15), 'H': (17, 17, 17, 31, 17, 17, 17),
    'I': (14, 4, 4, 4, 4, 4, 14), 'J': (7, 2, 2, 2, 2, 18, 12),
    'K': (17, 18, 20, 24, 20, 18, 17), 'L': (16, 16, 16, 16, 16, 16, 31),
    'M': (17, 27, 21, 21, 17, 17, 17), 'N': (17, 17, 25, 21, 19, 17, 17),
    'O': (14, 17, 17, 17, 17, 17, 14), 'P': (30, 17, 17, 30, 16, 16, 16),
    'Q': (14, 17, 17, 17, 21, 18, 13), 'R': (30, 17, 17, 30, 20, 18, 17),
    'S': (15, 16, 16, 14, 1, 1, 30), 'T': (31, 4, 4, 4, 4, 4, 4),
    'U': (17, 17, 17, 17, 17, 17, 14), 'V': (17, 17, 17, 17, 17, 10, 4),
    'W': (17, 17, 17, 21, 21, 21, 10), 'X': (17, 17, 10, 4, 10, 17, 17),
    'Y': (17, 17, 10, 4, 4, 4, 4), 'Z': (31, 1, 2, 4, 8, 16, 31),
}


def initials(name):
    """Family name and given name initials, diacritics dropped: 'Đỗ Thị Lan Anh' -> 'DA'."""
    words = name.replace('Đ', 'D').replace('đ', 'd').split()
    if not words:
        return '?'
    picks = [words[0], words[-1]] if len(words) > 1 else words[:1]
    out = ''
    for w in picks:
        c = unicodedata.normalize('NFD', w)[0].upper()
        out += c if c in FONT else ''
    return out or '?'


def png(width, height, rows):
    """An 8-bit RGB PNG from rows of bytes (3 per pixel)."""
    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    raw = b''.join(b'\x00' + bytes(r) for r in rows)
    return (b'\x89PNG\r\n\x1a\n' +
            chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def officer_photo(oid, name, width=120, height=160):
    """A placeholder portrait: the initials in white on a colour derived from the id."""
    h = hashlib.sha256(oid.encode()).digest()
    bg = (60 + h[0] % 120, 60 + h[1] % 120, 60 + h[2] % 120)
    text = initials(name)
    scale = 8
    tw = len(text) * 6 * scale - scale
    x0, y0 = (width - tw) // 2, (height - 7 * scale) // 2
    rows = []
    for y in range(height):
        row = bytearray(bg * width)
        gy = (y - y0) // scale
        if 0 <= gy < 7 and y >= y0:
            for i, ch in enumerate(text):
                bits = FONT[ch][gy]
                for gx in range(5):
                    if bits & (16 >> gx):
                        xs = x0 + (i * 6 + gx) * scale
                        row[xs * 3:(xs + scale) * 3] = b'\xff' * (3 * scale)
        rows.append(row)
    return png(width, height, rows)


class Calls:
    """Numbers called at the counters. Calls are simulated (see simulate()); an admin request
    adds a "call next now" for a service, which calls the lowest waiting number at once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forced = {}   # (kiosk, service, day) -> [times]

    def force(self, kiosk, service, day, at):
        with self.lock:
            self.forced.setdefault((kiosk, service, day), []).append(at)

    def times(self, kiosk, service, day):
        with self.lock:
            return sorted(self.forced.get((kiosk, service, day), []))


def issued_tickets(store, kiosk):
    """{(service, day): {seq: issued_at}} from the kiosk's ticket.issued events, without the
    tickets it voided (a failed print): those are never called. Central numbers are in only
    as a kiosk's tickets, so a number voided because the kiosk used a fallback number is never
    called, and fallback numbers are (they are real tickets)."""
    out, voided = {}, set()
    for kind, at, body in store.issued(kiosk):
        try:
            b = json.loads(body)
        except ValueError:
            continue
        svc, seq, day = b.get('service'), b.get('seq'), b.get('day')
        if not isinstance(svc, str) or not is_int(seq) or not is_int(day):
            continue
        if kind == 'ticket.voided':
            voided.add((svc, day, seq))
            continue
        issued_at = b.get('issued_at') if is_int(b.get('issued_at')) else at
        out.setdefault((svc, day), {})[seq] = issued_at
    for svc, day, seq in voided:
        out.get((svc, day), {}).pop(seq, None)
    return out


def simulate(seqs, forced, now):
    """The calls of one service and day up to now, as [(seq, called_at)] in call order.
    open_counters counters together call one number every avg_service_s / open_counters
    seconds: a ticket is called one interval after it was issued at the earliest and one
    interval after the previous call, so calls never go beyond the highest issued sequence.
    A forced call at time f calls the next waiting ticket at f if it was issued by then
    (otherwise nobody was waiting and the call is lost)."""
    interval = AVG_SERVICE_S / OPEN_COUNTERS
    called, prev, fi = [], None, 0
    # in the order of issue: a fallback number (high) issued between central ones is called
    # in its turn; with local numbering this is the order of numbers
    for seq in sorted(seqs, key=lambda q: (seqs[q], q)):
        issued = seqs[seq]
        natural = max(issued, prev if prev is not None else issued) + interval
        while fi < len(forced) and forced[fi] < issued:
            fi += 1
        t = natural
        if fi < len(forced) and forced[fi] <= natural:
            t = forced[fi]
            fi += 1
        if t > now:
            break
        called.append((seq, t))
        prev = t
    return called

def queue_state(store, calls, kiosk, now):
    """Today's (local day) simulated calls for every service this kiosk issued numbers for."""
    day = local_day(now)
    services = {}
    for (svc, d), seqs in sorted(issued_tickets(store, kiosk).items()):
        if d != day:
            continue
        called = simulate(seqs, calls.times(kiosk, svc, day), now)
        services[svc] = {'last_called': called[-1][0] if called else 0,
                         'waiting': len(seqs) - len(called),
                         'avg_service_s': AVG_SERVICE_S, 'open_counters': OPEN_COUNTERS}
    return {'day': day, 'services': services}


def validate_events(doc):
    if not isinstance(doc, dict):
        raise BadRequest(400, 'body is not an object')
    extra = set(doc) - {'kiosk', 'batch', 'events'}
    if extra:
        raise BadRequest(400, 'unknown field ' + sorted(extra)[0])
    if not isinstance(doc.get('kiosk'), str) or not doc['kiosk']:
        raise BadRequest(400, 'kiosk missing')
    events = doc.get('events')
    if not isinstance(events, list):
        raise BadRequest(400, 'events missing')
    if not 1 <= len(events) <= MAX_EVENTS:
        raise BadRequest(400, 'events must hold 1 to %d items' % MAX_EVENTS)
    for i, e in enumerate(events):
        if not isinstance(e, dict):
            raise BadRequest(400, 'event %d is not an object' % i)
        if set(e) != {'id', 'kind', 'at', 'body'}:
            raise BadRequest(400, 'event %d must have exactly id, kind, at, body' % i)
        if not isinstance(e['id'], str) or not ID_RE.match(e['id']):
            raise BadRequest(400, 'event %d: id must be 32 lowercase hex digits' % i)
        if not isinstance(e['kind'], str) or not e['kind']:
            raise BadRequest(400, 'event %d: kind must be a string' % i)
        if e['kind'] not in KINDS:
            raise BadRequest(400, 'event %d: unknown kind' % i)
        if not is_int(e['at']):
            raise BadRequest(400, 'event %d: at must be an integer' % i)
        if not isinstance(e['body'], dict):
            raise BadRequest(400, 'event %d: body must be an object' % i)
        if e['kind'] == 'help.requested':
            validate_help(i, e['body'])
    return doc['kiosk'], events


HELP_SCREEN_RE = re.compile(r'[a-z_]{1,31}\Z')


def validate_help(i, body):
    """help.requested carries a screen name and whether voice guidance was on, nothing else
    (nothing of the citizen can ride along in another field)."""
    if set(body) != {'screen', 'voice'}:
        raise BadRequest(400, 'event %d: help.requested body must have exactly screen, voice' % i)
    if not isinstance(body['screen'], str) or not HELP_SCREEN_RE.match(body['screen']):
        raise BadRequest(400, 'event %d: help.requested screen must be [a-z_], 1 to 31' % i)
    if not isinstance(body['voice'], bool):
        raise BadRequest(400, 'event %d: help.requested voice must be a boolean' % i)


def no_constant(name):
    """NaN, Infinity and -Infinity are not JSON (RFC 8259); Python's parser takes them."""
    raise ValueError('not JSON: ' + name)


def has_nul(v):
    if isinstance(v, str):
        return '\x00' in v
    if isinstance(v, dict):
        return any(has_nul(k) or has_nul(x) for k, x in v.items())
    if isinstance(v, list):
        return any(has_nul(x) for x in v)
    return False


def valid_day(day):
    try:
        datetime.strptime(str(day), '%Y%m%d')
    except ValueError:
        return False
    return 19700101 <= day <= 99991231


def validate_numbers(doc):
    """POST /api/v1/numbers: (kiosk, request, service, priority, day) or BadRequest 400. The
    day is the kiosk's (its local service day): the server does not judge it by its own clock."""
    if not isinstance(doc, dict):
        raise BadRequest(400, 'body is not an object')
    extra = set(doc) - set(NUMBERS_FIELDS)
    if extra:
        raise BadRequest(400, 'unknown field ' + sorted(extra)[0])
    for k, t in NUMBERS_FIELDS.items():
        v = doc.get(k)
        if v is None or not (is_int(v) if t is int else isinstance(v, t)):
            raise BadRequest(400, '%s missing or of the wrong type' % k)
    if not ID_RE.match(doc['request']):
        raise BadRequest(400, 'request must be 32 lowercase hex digits')
    if not SERVICE_RE.match(doc['service']):
        raise BadRequest(400, 'service must be 1 or 2 capital letters')
    if not 0 <= doc['priority'] <= 3:
        raise BadRequest(400, 'priority must be 0..3')
    if not valid_day(doc['day']):
        raise BadRequest(400, 'day must be a date YYYYMMDD')
    return doc['kiosk'], doc['request'], doc['service'], doc['priority'], doc['day']


def numbers_fault(obj, fault):
    """The numbers_reply fault: a well-formed reply that is wrong in one way (the number is
    assigned all the same, as a buggy or misrouted central system would)."""
    if not fault:
        return obj
    obj = dict(obj)
    if fault == 'wrong-request':
        obj['request'] = '0' * 32 if obj['request'] != '0' * 32 else '1' * 32
    elif fault == 'wrong-service':
        obj['service'] = 'ZZ' if obj['service'] != 'ZZ' else 'ZY'
    elif fault == 'wrong-day':
        obj['day'] += 1
    elif fault == 'no-seq':
        del obj['seq']
    elif fault.startswith('seq:'):
        obj['seq'] = int(fault[4:])
    return obj


def validate_heartbeat(doc):
    if not isinstance(doc, dict):
        raise BadRequest(400, 'body is not an object')
    for k, t in HEARTBEAT_FIELDS.items():
        v = doc.get(k)
        if v is None or not (is_int(v) if t is int else isinstance(v, t)):
            raise BadRequest(400, '%s missing or of the wrong type' % k)
    acks = doc.get('acks', [])
    if not isinstance(acks, list) or len(acks) > 500 or \
            not all(isinstance(a, str) for a in acks):
        raise BadRequest(400, 'acks must be a list of command ids')
    return doc['kiosk']


class Faults:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.count = 0
        self.failed = 0
        self.replay = None  # (status, body) of the first events POST

    def applies(self, path):
        """Whether the faults apply to path (--faults-on, default every non-admin path)."""
        prefixes = self.args.faults_on
        return not prefixes or any(path.startswith(p) for p in prefixes.split(','))

    def next(self):
        """The fault for the next counted request: 'cut', 'fail' or None."""
        with self.lock:
            self.count += 1
            if self.count <= self.args.cut_first:
                return 'cut'
            if self.failed < self.args.fail_first:
                self.failed += 1
                return 'fail'
        return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'central-ref/1'
    timeout = 30

    def version_string(self):
        return self.server_version

    # --- plumbing -------------------------------------------------------------------------
    def handle_one_request(self):
        self.command = None
        self._status = None
        self._t0 = time.monotonic()
        self._cut = False
        try:
            super().handle_one_request()
        except (ConnectionError, ssl.SSLError, socket.timeout) as e:
            self.close_connection = True
            if self.command:
                self._status = self._status or type(e).__name__
        if self.command:
            ms = (time.monotonic() - self._t0) * 1000
            status = 'cut' if self._cut else (self._status or '-')
            path = log_path(urlsplit(self.path).path) if self.path else '-'
            sys.stderr.write('%s %s %s %.0f\n' % (self.command, path, status, ms))
            sys.stderr.flush()

    def log_message(self, fmt, *args):
        pass

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def send_error(self, code, message=None, explain=None):
        # http.server's own errors (bad request line, unsupported method) as JSON too
        self.close_connection = True
        self.reply(code, {'error': message or http.HTTPStatus(code).phrase.lower()},
                   process=False)

    def kiosk_id(self, body_kiosk=None):
        if self.server.ssl_enabled:
            cert = self.connection.getpeercert() or {}
            for rdn in cert.get('subject', ()):
                for k, v in rdn:
                    if k == 'commonName':
                        return v
            return None
        return self.headers.get('X-Kiosk-Id') or body_kiosk or 'KIOSK-01'

    def read_body(self):
        """The request body, or raises BadRequest. Always leaves the stream consistent."""
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            self.close_connection = True
            raise BadRequest(411, 'chunked bodies not supported')
        cl = self.headers.get('Content-Length')
        if cl is None:
            return None
        try:
            n = int(cl)
            if n < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise BadRequest(400, 'bad Content-Length')
        if n > MAX_BODY:
            self.close_connection = True
            raise BadRequest(413, 'body larger than 1 MiB')
        return self.read_exactly(n)

    def read_exactly(self, n):
        """n bytes of body within BODY_DEADLINE_S in all: a body sent a byte at a time does
        not hold a connection (and a thread) for longer."""
        deadline = time.monotonic() + BODY_DEADLINE_S
        data = b''
        try:
            while len(data) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise socket.timeout()
                self.connection.settimeout(left)
                chunk = self.rfile.read1(n - len(data))
                if not chunk:
                    break
                data += chunk
        except (socket.timeout, TimeoutError):
            self.close_connection = True
            raise BadRequest(408, 'body not received within %d s' % BODY_DEADLINE_S)
        finally:
            self.connection.settimeout(self.timeout)
        if len(data) != n:
            self.close_connection = True
            raise BadRequest(400, 'short body')
        return data

    def json_body(self, raw):
        if raw is None:
            raise BadRequest(411, 'Content-Length required')
        ctype = self.headers.get('Content-Type', '').split(';')[0].strip().lower()
        if ctype != 'application/json':
            raise BadRequest(415, 'Content-Type must be application/json')
        try:
            doc = json.loads(raw.decode('utf-8'), parse_constant=no_constant)
        except (UnicodeDecodeError, ValueError):
            raise BadRequest(400, 'body is not UTF-8 JSON')
        if has_nul(doc):
            raise BadRequest(400, 'a string holds a NUL')
        return doc

    def reply(self, status, obj, headers=(), process=True, ctype='application/json'):
        """Sends a response, applying the output faults unless process is False. obj is
        JSON-encoded, or sent as is when it is bytes (with ctype)."""
        a = self.server.args
        faults = process and not self.admin and self.faulty
        if faults and a.wrong_types and status == 200 and isinstance(obj, dict):
            obj = wrong_types(obj)
        if isinstance(obj, bytes):
            body = obj
        else:
            body = b'' if obj is None else json.dumps(obj, ensure_ascii=False,
                                                       separators=(',', ':')).encode('utf-8')
        if faults and a.slow_ms:
            time.sleep(a.slow_ms / 1000)
        if faults and self.fault == 'cut':
            self._cut = True
            self.close_connection = True
            return
        if faults and a.malformed:
            status, body, headers = 200, b'{"accepted": 1, "dupl', ()
        elif faults and a.huge:
            status, headers = 200, ()
            body = b'{"pad":"' + b'x' * (5 * 1000 * 1000) + b'"}'
        self.send_response(status)
        if obj is not None or status != 304:
            self.send_header('Content-Type', ctype if isinstance(obj, bytes) else
                             'application/json')
        for k, v in headers:
            self.send_header(k, v)
        if faults and a.truncate:
            self.send_header('Content-Length', str(len(body) + 1000))
            self.send_header('Connection', 'close')
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return
        if status != 304:
            self.send_header('Content-Length', str(len(body)))
        if self.close_connection:
            self.send_header('Connection', 'close')
        self.end_headers()
        if status != 304:
            self.wfile.write(body)
        if faults and a.excess:
            # bytes past the Content-Length: on a kept-alive connection the client reads
            # them as the start of its next response
            self.wfile.write(b'EXTRA BYTES PAST THE CONTENT-LENGTH\r\n')

    # --- dispatch ---------------------------------------------------------------------------
    ROUTES = {'/api/v1/events': 'POST', '/api/v1/heartbeat': 'POST', '/api/v1/queue': 'GET',
              '/api/v1/catalog': 'GET', '/api/v1/procedures': 'GET', '/api/v1/admin/stats': 'GET',
              '/api/v1/admin/call-next': 'POST', '/api/v1/admin/dossiers': 'GET',
              '/api/v1/admin/faults': 'POST', '/api/v1/admin/commands': 'POST',
              '/api/v1/admin/command-status': 'GET', '/api/v1/numbers': 'POST',
              '/api/v1/admin/help': 'GET'}
    # (pattern, method, handler): the path's groups are passed URL-decoded
    PATTERNS = [(re.compile(r'/api/v1/dossiers/([^/]+)\Z'), 'GET', 'dossier'),
                (re.compile(r'/api/v1/tickets/([^/]+)/officer\Z'), 'GET', 'ticket_officer'),
                (re.compile(r'/api/v1/officers/([^/]+)/photo\Z'), 'GET', 'officer_photo')]

    def route(self, path):
        """(method, handler name, args) for path, or (None, None, ())."""
        if path == '/api/v1/admin/numbers':
            return 'GET', 'numbers_admin', ()
        if path in self.ROUTES:
            return self.ROUTES[path], path.rsplit('/', 1)[1].replace('-', '_'), ()
        for pattern, method, name in self.PATTERNS:
            m = pattern.match(path)
            if m:
                return method, name, tuple(unquote(g) for g in m.groups())
        return None, None, ()

    def dispatch(self):
        path = urlsplit(self.path).path
        self.admin = path.startswith('/api/v1/admin/')
        self.faulty = self.server.faults.applies(path)
        self.fault = None
        try:
            raw = self.read_body()
        except BadRequest as e:
            self.reply(e.status, {'error': e.reason}, process=False)
            return
        if not self.admin and self.faulty:
            self.fault = self.server.faults.next()
        if self.fault == 'fail':
            hdrs = []
            if self.server.args.retry_after is not None:
                hdrs.append(('Retry-After', str(self.server.args.retry_after)))
            self.reply(self.server.args.fail_status, {'error': 'injected failure'}, hdrs,
                       process=False)
            return
        method, name, args = self.route(path)
        try:
            if method is None:
                raise BadRequest(404, 'not found')
            if method != self.command:
                self._allow = method
                raise BadRequest(405, 'method not allowed')
            getattr(self, 'api_' + name)(raw, *args)
        except BadRequest as e:
            hdrs = [('Allow', self._allow)] if e.status == 405 else []
            self.reply(e.status, {'error': e.reason}, hdrs)
        except Exception as e:  # a bug here must still answer JSON
            sys.stderr.write('internal error: %r\n' % (e,))
            self.reply(500, {'error': 'internal error'})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = dispatch

    # --- endpoints --------------------------------------------------------------------------
    def check_kiosk(self, body_kiosk):
        cn = self.kiosk_id(body_kiosk)
        if cn is None:
            raise BadRequest(403, 'no client certificate CN')
        if body_kiosk != cn:
            raise BadRequest(403, 'kiosk does not match the client certificate')
        return cn

    def api_events(self, raw):
        srv = self.server
        if self.server.args.replay:
            with srv.faults.lock:
                first = srv.faults.replay
            if first is not None:
                self.reply(first[0], first[1])
                return
        try:
            doc = self.json_body(raw)
            kiosk, events = validate_events(doc)
            kiosk = self.check_kiosk(kiosk)
            new, dup = srv.store.add_events(kiosk, events, int(now_s()))
            status, obj = 200, {'accepted': new, 'duplicates': dup}
            if isinstance(doc.get('batch'), str):
                obj['batch'] = doc['batch']
            if self.server.args.short_counts:
                obj['accepted' if new else 'duplicates'] -= 1
        except BadRequest as e:
            status, obj = e.status, {'error': e.reason}
        if self.server.args.replay:
            with srv.faults.lock:
                if srv.faults.replay is None:
                    srv.faults.replay = (status, obj)
        self.reply(status, obj)

    def api_heartbeat(self, raw):
        doc = self.json_body(raw)
        kiosk = self.check_kiosk(validate_heartbeat(doc))
        now = int(now_s())
        self.server.store.heartbeat(kiosk, doc, now)
        cmds = self.server.store.exchange_commands(kiosk, doc.get('acks', []), now)
        self.reply(200, {'time': now, 'commands': cmds})

    def api_numbers(self, raw):
        doc = self.json_body(raw)
        kiosk, req, svc, prio, day = validate_numbers(doc)
        kiosk = self.check_kiosk(kiosk)
        srv = self.server
        seq = srv.store.assign_number(kiosk, req, svc, day, prio, int(now_s()),
                                      srv.args.central_max)
        obj = numbers_fault({'request': req, 'service': svc, 'day': day, 'seq': seq},
                            srv.args.numbers_reply)
        self.reply(200, obj, [('Cache-Control', 'no-store')])

    def api_numbers_admin(self, raw):
        """Test helper: both sides of central numbering: every number given (with its
        state) and every ticket the kiosks reported, with whether the simulated counters
        have called it by now."""
        srv, now = self.server, now_s()
        out = srv.store.numbers()
        called = {}
        for t in out['tickets']:
            key = (t['kiosk'], t['service'], t['day'])
            if key not in called:
                seqs = issued_tickets(srv.store, key[0]).get(key[1:], {})
                called[key] = {q for q, _ in simulate(seqs, srv.calls.times(*key), now)}
            t['called'] = t['seq'] in called[key]
        self.reply(200, out)

    def api_help(self, raw):
        """Test helper: the guidance counter's list of calls for help."""
        self.reply(200, {'help': self.server.store.help_calls()})

    def api_queue(self, raw):
        kiosk = self.kiosk_id()
        if kiosk is None:
            raise BadRequest(403, 'no client certificate CN')
        state = queue_state(self.server.store, self.server.calls, kiosk, now_s())
        self.reply(200, state, [('Cache-Control', 'max-age=10')])

    def client_kiosk(self):
        kiosk = self.kiosk_id()
        if kiosk is None:
            raise BadRequest(403, 'no client certificate CN')
        return kiosk

    def api_dossier(self, raw, code):
        self.client_kiosk()
        d = self.server.dossiers.get(code.strip().upper())
        if d is None:
            raise BadRequest(404, 'not found')
        self.reply(200, {k: v for k, v in d.items() if not k.startswith('_')},
                   [('Cache-Control', 'no-store')])

    def api_ticket_officer(self, raw, ticket_id):
        self.client_kiosk()
        m = TICKET_RE.match(ticket_id)
        if not m:
            raise BadRequest(404, 'not found')
        kiosk, day, svc, seq = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        seqs = issued_tickets(self.server.store, kiosk).get((svc, day), {})
        if seq not in seqs:
            raise BadRequest(404, 'not found')
        srv = self.server
        called = simulate(seqs, srv.calls.times(kiosk, svc, day), now_s())
        for i, (s, at) in enumerate(called):
            if s == seq:
                counters = srv.directory.services.get(svc, {}).get('counter_list') or ['1']
                counter = counters[i % len(counters)]
                officer = srv.directory.officer_at(counter, i // len(counters)) or \
                    min(srv.directory.officers, default='cb01')
                self.reply(200, {'ticket': ticket_id, 'served': True, 'officer': officer,
                                 'counter': counter, 'called_at': int(at)},
                           [('Cache-Control', 'no-store')])
                return
        self.reply(200, {'ticket': ticket_id, 'served': False}, [('Cache-Control', 'no-store')])

    def api_officer_photo(self, raw, oid):
        self.client_kiosk()
        o = self.server.directory.officers.get(oid)
        if o is None:
            raise BadRequest(404, 'not found')
        self.reply(200, officer_photo(oid, o.get('name', '')),
                   [('Cache-Control', 'max-age=86400')], ctype='image/png')

    def api_call_next(self, raw):
        """Test helper: {"service": "A", "kiosk"?: CN, "day"?: today} calls the next waiting
        number of that service now -> {"called": seq or null, "counter", "officer"}."""
        doc = self.json_body(raw)
        if not isinstance(doc, dict) or not isinstance(doc.get('service'), str):
            raise BadRequest(400, 'service missing')
        now = now_s()
        kiosk = doc.get('kiosk') if isinstance(doc.get('kiosk'), str) else self.kiosk_id()
        day = doc.get('day') if is_int(doc.get('day')) else local_day(now)
        svc = doc['service']
        seqs = issued_tickets(self.server.store, kiosk).get((svc, day), {})
        before = len(simulate(seqs, self.server.calls.times(kiosk, svc, day), now))
        self.server.calls.force(kiosk, svc, day, now)
        after = simulate(seqs, self.server.calls.times(kiosk, svc, day), now)
        self.reply(200, {'called': after[-1][0] if len(after) > before else None})

    def api_commands(self, raw):
        """Test helper: {"kiosk": "KIOSK-01", "kind": "lock", "message"?: "..."} queues a
        command for the kiosk's next heartbeat replies -> {"id"}. Any kind is accepted, so that
        a kiosk can be shown one it does not know."""
        doc = self.json_body(raw)
        if not isinstance(doc, dict) or not isinstance(doc.get('kiosk'), str) or \
                not isinstance(doc.get('kind'), str) or \
                not isinstance(doc.get('message', ''), str):
            raise BadRequest(400, 'kiosk and kind (strings) required')
        cid = self.server.store.add_command(doc['kiosk'], doc['kind'], doc.get('message', ''),
                                            int(now_s()))
        self.reply(200, {'id': cid})

    def api_command_status(self, raw):
        """Test helper: every command queued, with how often it was sent and whether the kiosk
        acknowledged it."""
        self.reply(200, {'commands': self.server.store.commands()})

    def api_dossiers(self, raw):
        """Test helper: the demo dossiers' codes and what they show, with the owner's full
        name so that a test can make sure the kiosk never shows, keeps or logs it."""
        self.reply(200, {'dossiers': [
            {'code': c, 'status': d['status'], 'overdue': d['_overdue'],
             'rescheduled': d['rescheduled_due_at'] is not None, 'owner': d['owner']}
            for c, d in self.server.dossiers.items()]})

    def api_faults(self, raw):
        """Test helper: changes the fault injection of a running server, e.g.
        {"slow_ms": 5000, "malformed": false, "wrong_types": false, "fail_first": 0}."""
        doc = self.json_body(raw)
        if not isinstance(doc, dict):
            raise BadRequest(400, 'body is not an object')
        args = self.server.args
        for k, v in doc.items():
            if k not in RUNTIME_FAULTS or not isinstance(v, RUNTIME_FAULTS[k]) or \
                    (RUNTIME_FAULTS[k] is int and isinstance(v, bool)):
                raise BadRequest(400, 'unknown fault or wrong type: ' + k)
        with self.server.faults.lock:
            for k, v in doc.items():
                setattr(args, k, v)
            if 'fail_first' in doc:
                self.server.faults.failed = 0
        self.reply(200, {k: getattr(args, k) for k in RUNTIME_FAULTS})

    def api_catalog(self, raw):
        try:
            raw_text = Path(self.server.args.catalog).read_bytes()
        except OSError:
            raise BadRequest(404, 'no catalogue')
        try:
            # the file plus the demo unit's counters and officers (unless it has its own)
            self.server.directory = Directory(raw_text.decode('utf-8'))
            text = self.server.directory.text.encode('utf-8')
        except UnicodeDecodeError:
            text = raw_text
        self.reply_ini(text, 'catalog', 'catalogue')

    def reply_ini(self, text, key, what):
        """200 {"format": "ini", key: text} with a strong ETag, or 304 when If-None-Match
        names it."""
        etag = '"%s"' % hashlib.sha256(text).hexdigest()
        hdrs = [('ETag', etag), ('Cache-Control', 'no-cache')]
        inm = self.headers.get('If-None-Match')
        if inm is not None:
            tags = [t.strip() for t in inm.split(',')]
            tags = [t[2:] if t.startswith('W/') else t for t in tags]
            if '*' in tags or etag in tags:
                self.reply(304, None, hdrs)
                return
        try:
            decoded = text.decode('utf-8')
        except UnicodeDecodeError:
            raise BadRequest(500, what + ' is not UTF-8')
        self.reply(200, {'format': 'ini', key: decoded}, hdrs)

    def api_procedures(self, raw):
        try:
            text = Path(self.server.args.procedures).read_bytes()
        except OSError:
            raise BadRequest(404, 'no procedures')
        self.reply_ini(text, 'procedures', 'procedures')

    def api_stats(self, raw):
        self.reply(200, self.server.store.stats())


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def process_request_thread(self, request, client_address):
        conn = request
        try:
            # headers and body leave in separate writes: without this, Nagle's algorithm and
            # the client's delayed ACK add about 40 ms to every reply on a kept-alive link
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.ssl_ctx is not None:
                request.settimeout(10)
                conn = self.ssl_ctx.wrap_socket(request, server_side=True)
            self.finish_request(conn, client_address)
        except Exception:
            self.handle_error(conn, client_address)
        finally:
            self.shutdown_request(conn)

    def handle_error(self, request, client_address):
        e = sys.exc_info()[1]
        reason = getattr(e, 'reason', None) or type(e).__name__
        sys.stderr.write('- tls-or-io-error %s %s\n' % (reason, str(e)[:120].replace('\n', ' ')))
        sys.stderr.flush()


def make_ssl_context(certs, name):
    d = Path(certs)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(d / (name + '.pem'), d / (name + '.key'))
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cafile=str(d / 'ca.pem'))
    return ctx


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--port', type=int, default=0, help='0 picks a free port')
    p.add_argument('--db', default=':memory:', help='SQLite file (default in memory)')
    p.add_argument('--certs', default='var/certs', help='dir with server.pem/key, ca.pem')
    p.add_argument('--server-cert', default='server', metavar='NAME',
                   help='serve DIR/NAME.pem and NAME.key (expired-server, wrong-host-server, '
                   'other-server for client negative tests)')
    p.add_argument('--catalog', default=str(REPO / 'config' / 'catalog-demo.ini'))
    p.add_argument('--procedures', default=str(REPO / 'config' / 'procedures-demo.ini'))
    p.add_argument('--no-tls', action='store_true')
    p.add_argument('--skew-s', type=int, default=0, metavar='S',
                   help="the server's clock S seconds ahead of the real time (negative: behind)")
    p.add_argument('--fail-first', type=int, default=0, metavar='N')
    p.add_argument('--fail-status', type=int, default=503)
    p.add_argument('--retry-after', type=int, default=None, metavar='S')
    p.add_argument('--slow-ms', type=int, default=0, metavar='MS')
    p.add_argument('--malformed', action='store_true')
    p.add_argument('--truncate', action='store_true')
    p.add_argument('--huge', action='store_true')
    p.add_argument('--excess', action='store_true')
    p.add_argument('--cut-first', type=int, default=0, metavar='N')
    p.add_argument('--replay', action='store_true')
    p.add_argument('--short-counts', action='store_true')
    p.add_argument('--wrong-types', action='store_true')
    p.add_argument('--faults-on', default='', metavar='PREFIXES')
    p.add_argument('--central-max', type=int, default=899, metavar='N',
                   help='central numbers are 1..N per service and day (default 899); the '
                   "kiosks' reserved ranges lie above")
    p.add_argument('--numbers-reply', default='', metavar='FAULT',
                   help='wrong-request, wrong-service, wrong-day, no-seq or seq:N')
    args = p.parse_args(argv)

    ctx = None if args.no_tls else make_ssl_context(args.certs, args.server_cert)
    srv = Server(('127.0.0.1', args.port), Handler)
    srv.ssl_ctx = ctx
    srv.ssl_enabled = ctx is not None
    srv.args = args
    global SKEW_S
    SKEW_S = args.skew_s
    srv.store = Store(args.db)
    srv.faults = Faults(args)
    srv.calls = Calls()
    try:
        catalog_text = Path(args.catalog).read_text(encoding='utf-8')
    except (OSError, UnicodeDecodeError):
        catalog_text = ''
    srv.directory = Directory(catalog_text)
    srv.dossiers = seed_dossiers(now_s(), srv.directory)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    t = threading.Thread(target=srv.serve_forever, kwargs={'poll_interval': 0.2}, daemon=True)
    t.start()
    sys.stdout.write('listening %d\n' % srv.server_address[1])
    sys.stdout.flush()
    while not stop.wait(0.1):
        pass
    # A connection stuck in a failed TLS handshake must not keep the server alive: whatever
    # the clean shutdown below waits on, the process is gone 5 s after the signal.
    watchdog = threading.Timer(5.0, lambda: os._exit(0))
    watchdog.daemon = True
    watchdog.start()
    srv.shutdown()
    srv.server_close()
    srv.store.close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
