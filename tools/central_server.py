#!/usr/bin/env python3
"""Reference central system for the kiosk protocol, version 1 (docs/protocol.md).

    tools/central_server.py [--port 0] [--db FILE] [--certs DIR] [--server-cert NAME]
        [--catalog FILE] [--no-tls]
        [--fail-first N] [--fail-status 503] [--retry-after S] [--slow-ms MS]
        [--malformed] [--truncate] [--huge] [--cut-first N] [--replay]

Prints exactly one line "listening PORT" on stdout once bound (127.0.0.1 only), then one line
per request on stderr ("METHOD PATH STATUS MS", never bodies). Stops cleanly on SIGTERM/SIGINT.

Transport: HTTPS with mutual TLS (TLS 1.2 minimum). DIR holds server.pem, server.key and ca.pem
(tools/devca.sh makes them; --server-cert NAME serves NAME.pem/NAME.key instead, e.g.
expired-server, wrong-host-server or other-server to test the kiosk's checks); a client must present a certificate issued by ca.pem, and its CN is
the kiosk id. With --no-tls the server speaks plain HTTP and takes the kiosk id from the
X-Kiosk-Id header, else from the body's "kiosk" (POST), else KIOSK-01.

Endpoints:
  POST /api/v1/events     strict validation, INSERT OR IGNORE by id -> {"accepted", "duplicates"}
  POST /api/v1/heartbeat  keeps the last heartbeat per kiosk -> {"time", "commands": []}
  GET  /api/v1/queue      simulated counters (see queue_state) with Cache-Control: max-age=10
  GET  /api/v1/catalog    the catalogue INI with a strong ETag (sha256) and 304 on If-None-Match
  GET  /api/v1/admin/stats  test helper: {"events", "distinct_ids", "by_kind", "heartbeats"}
POST bodies must be Content-Type application/json with a Content-Length of at most 1 MiB
(else 415 / 411 / 413). Errors are {"error": "..."}; unknown paths 404, wrong methods 405.

Fault injection (never applied to /api/v1/admin/*; requests are counted from 1 in arrival order):
  --cut-first N   the first N requests are processed (events are stored) and then the
                  connection is closed without any response: the "lost answer" case.
  --fail-first N  the next N requests are answered with --fail-status (default 503) and not
                  processed; Retry-After is sent when --retry-after is given.
  --slow-ms MS    every response is delayed by MS after processing.
  --malformed     every response is 200 with a body that is not JSON (requests are processed).
  --truncate      every response announces a Content-Length larger than the body sent, then
                  the connection is closed (requests are processed).
  --huge          every response is 200 with a 5 MB JSON object (requests are processed).
  --replay        the first events POST is processed; every later one is answered with the
                  status and body of the first, and NOT stored (a replayed response).

Not implemented yet (later in version 1): GET /api/v1/dossiers/{code},
GET /api/v1/tickets/{ticket_id}/officer, POST /api/v1/numbers, and heartbeat commands (the
list is always empty). There is no seed data: dossiers and officers arrive with those endpoints.
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
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

MAX_BODY = 1 << 20
MAX_EVENTS = 500
LOCAL_TZ = timezone(timedelta(hours=7))
AVG_SERVICE_S = 300
OPEN_COUNTERS = 2
ID_RE = re.compile(r'[0-9a-f]{32}\Z')
HEARTBEAT_FIELDS = {'kiosk': str, 'version': str, 'uptime_s': int, 'printer': str,
                    'backlog': int, 'time': int}
REPO = Path(__file__).resolve().parent.parent


class BadRequest(Exception):
    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


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
            CREATE TABLE IF NOT EXISTS events(id TEXT PRIMARY KEY, kiosk TEXT NOT NULL,
                kind TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL,
                received_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS events_kiosk_kind ON events(kiosk, kind);
            CREATE TABLE IF NOT EXISTS heartbeats(kiosk TEXT PRIMARY KEY, at INTEGER NOT NULL,
                body TEXT NOT NULL, received_at INTEGER NOT NULL);
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
                self.db.execute('COMMIT')
            except BaseException:
                self.db.execute('ROLLBACK')
                raise
        return new, len(events) - new

    def heartbeat(self, kiosk, body, now):
        with self.lock:
            self.db.execute('INSERT OR REPLACE INTO heartbeats(kiosk, at, body, received_at) '
                            'VALUES (?, ?, ?, ?)',
                            (kiosk, body['time'], json.dumps(body, ensure_ascii=False), now))

    def issued(self, kiosk):
        with self.lock:
            return self.db.execute("SELECT at, body FROM events WHERE kiosk = ? AND "
                                   "kind = 'ticket.issued'", (kiosk,)).fetchall()

    def stats(self):
        with self.lock:
            n, distinct = self.db.execute('SELECT count(*), count(DISTINCT id) FROM events').fetchone()
            by_kind = dict(self.db.execute('SELECT kind, count(*) FROM events GROUP BY kind'))
            hb = self.db.execute('SELECT count(*) FROM heartbeats').fetchone()[0]
        return {'events': n, 'distinct_ids': distinct, 'by_kind': by_kind, 'heartbeats': hb}

    def close(self):
        with self.lock:
            self.db.close()


def queue_state(store, kiosk, now):
    """Simulated counters: open_counters counters together call one number every
    avg_service_s / open_counters seconds. A ticket is called one interval after it was issued
    at the earliest and one interval after the previous call, so calls never go beyond the
    highest issued sequence. Only ticket.issued events of today's local day count."""
    day = local_day(now)
    interval = AVG_SERVICE_S / OPEN_COUNTERS
    tickets = {}
    for at, body in store.issued(kiosk):
        try:
            b = json.loads(body)
        except ValueError:
            continue
        svc, seq = b.get('service'), b.get('seq')
        if b.get('day') != day or not isinstance(svc, str) or not is_int(seq):
            continue
        issued_at = b.get('issued_at') if is_int(b.get('issued_at')) else at
        tickets.setdefault(svc, {})[seq] = issued_at
    services = {}
    for svc, seqs in sorted(tickets.items()):
        last_called, called, t = 0, 0, None
        for seq in sorted(seqs):
            t = max(seqs[seq], t if t is not None else seqs[seq]) + interval
            if t > now:
                break
            last_called, called = seq, called + 1
        services[svc] = {'last_called': last_called, 'waiting': len(seqs) - called,
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
        if not is_int(e['at']):
            raise BadRequest(400, 'event %d: at must be an integer' % i)
        if not isinstance(e['body'], dict):
            raise BadRequest(400, 'event %d: body must be an object' % i)
    return doc['kiosk'], events


def validate_heartbeat(doc):
    if not isinstance(doc, dict):
        raise BadRequest(400, 'body is not an object')
    for k, t in HEARTBEAT_FIELDS.items():
        v = doc.get(k)
        if v is None or not (is_int(v) if t is int else isinstance(v, t)):
            raise BadRequest(400, '%s missing or of the wrong type' % k)
    return doc['kiosk']


class Faults:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.count = 0
        self.failed = 0
        self.replay = None  # (status, body) of the first events POST

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
            path = urlsplit(self.path).path if self.path else '-'
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
        data = self.rfile.read(n)
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
            return json.loads(raw.decode('utf-8'))
        except (UnicodeDecodeError, ValueError):
            raise BadRequest(400, 'body is not UTF-8 JSON')

    def reply(self, status, obj, headers=(), process=True):
        """Sends a response, applying the output faults unless process is False."""
        a = self.server.args
        body = b'' if obj is None else json.dumps(obj, ensure_ascii=False,
                                                   separators=(',', ':')).encode('utf-8')
        faults = process and not self.admin
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
            self.send_header('Content-Type', 'application/json')
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

    # --- dispatch ---------------------------------------------------------------------------
    ROUTES = {'/api/v1/events': 'POST', '/api/v1/heartbeat': 'POST', '/api/v1/queue': 'GET',
              '/api/v1/catalog': 'GET', '/api/v1/admin/stats': 'GET'}

    def dispatch(self):
        path = urlsplit(self.path).path
        self.admin = path.startswith('/api/v1/admin/')
        self.fault = None
        try:
            raw = self.read_body()
        except BadRequest as e:
            self.reply(e.status, {'error': e.reason}, process=False)
            return
        if not self.admin:
            self.fault = self.server.faults.next()
        if self.fault == 'fail':
            hdrs = []
            if self.server.args.retry_after is not None:
                hdrs.append(('Retry-After', str(self.server.args.retry_after)))
            self.reply(self.server.args.fail_status, {'error': 'injected failure'}, hdrs,
                       process=False)
            return
        method = self.ROUTES.get(path)
        try:
            if method is None:
                raise BadRequest(404, 'not found')
            if method != self.command:
                self._allow = method
                raise BadRequest(405, 'method not allowed')
            getattr(self, 'api_' + path.rsplit('/', 1)[1])(raw)
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
            new, dup = srv.store.add_events(kiosk, events, int(time.time()))
            status, obj = 200, {'accepted': new, 'duplicates': dup}
            if isinstance(doc.get('batch'), str):
                obj['batch'] = doc['batch']
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
        now = int(time.time())
        self.server.store.heartbeat(kiosk, doc, now)
        self.reply(200, {'time': now, 'commands': []})

    def api_queue(self, raw):
        kiosk = self.kiosk_id()
        if kiosk is None:
            raise BadRequest(403, 'no client certificate CN')
        state = queue_state(self.server.store, kiosk, time.time())
        self.reply(200, state, [('Cache-Control', 'max-age=10')])

    def api_catalog(self, raw):
        try:
            text = Path(self.server.args.catalog).read_bytes()
        except OSError:
            raise BadRequest(404, 'no catalogue')
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
            catalog = text.decode('utf-8')
        except UnicodeDecodeError:
            raise BadRequest(500, 'catalogue is not UTF-8')
        self.reply(200, {'format': 'ini', 'catalog': catalog}, hdrs)

    def api_stats(self, raw):
        self.reply(200, self.server.store.stats())


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def process_request_thread(self, request, client_address):
        conn = request
        try:
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
    p.add_argument('--no-tls', action='store_true')
    p.add_argument('--fail-first', type=int, default=0, metavar='N')
    p.add_argument('--fail-status', type=int, default=503)
    p.add_argument('--retry-after', type=int, default=None, metavar='S')
    p.add_argument('--slow-ms', type=int, default=0, metavar='MS')
    p.add_argument('--malformed', action='store_true')
    p.add_argument('--truncate', action='store_true')
    p.add_argument('--huge', action='store_true')
    p.add_argument('--cut-first', type=int, default=0, metavar='N')
    p.add_argument('--replay', action='store_true')
    args = p.parse_args(argv)

    ctx = None if args.no_tls else make_ssl_context(args.certs, args.server_cert)
    srv = Server(('127.0.0.1', args.port), Handler)
    srv.ssl_ctx = ctx
    srv.ssl_enabled = ctx is not None
    srv.args = args
    srv.store = Store(args.db)
    srv.faults = Faults(args)

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
