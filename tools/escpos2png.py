#!/usr/bin/env python3
"""escpos2png: an independent ESC/POS decoder, written from the Epson ESC/POS command
reference (not from drivers/escpos.c), for checking what the kiosk sends to its printers.

Usage: escpos2png.py [--width DOTS] [--trim-feed] [--strict] [--max-height DOTS] IN.bin OUT_PREFIX

Prints one line per command to stdout and draws the paper as 8-bit grey PNG (black dot = 0):
  * GS v 0 raster images (modes 0-3 / 48-51: normal, double width, double height, both)
    stacked top to bottom, each placed at x by the current ESC a alignment within the print
    area (GS L left margin, GS W print area width; by default the whole --width);
  * ESC d n feeds n x line spacing (30 dots, ESC 3 n / ESC 2 change it), ESC J n feeds n
    dots, LF one line, GS V 65/66 n feeds n dots before its cut;
  * text is listed (TEXT "...", latin-1) but not drawn; its LF still takes a line.
One cut (GS V, or the obsolete ESC i / ESC m) or none: OUT_PREFIX.png. Several pieces of
paper: OUT_PREFIX-1.png, -2.png, ... one per piece (pieces with no dots and no feed are skipped).

--trim-feed drops the blank paper that feeds leave at the end of each piece, so that a ticket
can be compared pixel for pixel with the raster it was encoded from.

Exit status: 0 decoded, 1 the stream ends inside a command (TRUNCATED ...), 2 usage or I/O
error, 3 with --strict when there were UNKNOWN bytes or invalid parameters.
Python 3 standard library only.
"""
import os
import struct
import sys
import zlib

DEFAULT_LINE = 30       # dots per line for ESC d / LF until ESC 3 changes it
WHITE, BLACK = 255, 0

ESC, GS, DLE, FS = 0x1B, 0x1D, 0x10, 0x1C

# Grey pixels for one raster byte, MSB leftmost, at 1x and 2x width.
LUT1 = [bytes(BLACK if b & (0x80 >> i) else WHITE for i in range(8)) for b in range(256)]
LUT2 = [bytes(p for p in LUT1[b] for _ in range(2)) for b in range(256)]

ALIGN_NAMES = {0: 'left', 1: 'centre', 2: 'right'}

# ESC commands with fixed parameter counts that only get listed: byte -> (args, description).
ESC_SIMPLE = {
    0x20: (1, 'right-side character spacing'),
    0x24: (2, 'absolute print position'),
    0x25: (1, 'user-defined character set'),
    0x2D: (1, 'underline'),
    0x3C: (0, 'return home'),
    0x3D: (1, 'select peripheral device'),
    0x47: (1, 'double-strike'),
    0x4C: (0, 'select page mode'),
    0x4D: (1, 'character font'),
    0x52: (1, 'international character set'),
    0x53: (0, 'select standard mode'),
    0x54: (1, 'print direction in page mode'),
    0x55: (1, 'unidirectional printing'),
    0x56: (1, '90 degree rotation'),
    0x5C: (2, 'relative print position'),
    0x63: (2, 'panel / sensor setting (ESC c)'),
    0x70: (3, 'generate pulse (drawer kick)'),
    0x72: (1, 'print colour'),
    0x74: (1, 'character code table'),
    0x75: (1, 'transmit peripheral status'),
    0x76: (0, 'transmit paper sensor status'),
    0x7B: (1, 'upside-down printing'),
}

# GS commands with fixed parameter counts that only get listed.
GS_SIMPLE = {
    0x24: (2, 'absolute vertical position in page mode'),
    0x2F: (1, 'print downloaded bit image'),
    0x3A: (0, 'start/end macro definition'),
    0x42: (1, 'white/black reverse printing'),
    0x48: (1, 'HRI character position'),
    0x49: (1, 'transmit printer ID'),
    0x50: (2, 'horizontal and vertical motion units (not modelled: 1 unit = 1 dot)'),
    0x5C: (2, 'relative vertical position in page mode'),
    0x5E: (3, 'execute macro'),
    0x61: (1, 'automatic status back'),
    0x62: (1, 'smoothing'),
    0x66: (1, 'HRI font'),
    0x68: (1, 'bar code height'),
    0x72: (1, 'transmit status'),
    0x77: (1, 'bar code width'),
}

QR_FUNCTIONS = {
    65: 'QR select model', 67: 'QR module size', 69: 'QR error correction level',
    80: 'QR store data', 81: 'QR print symbol', 82: 'QR transmit size',
}


class Truncated(Exception):
    pass


class Out:
    """stdout that survives a closed pipe (escpos2png.py ... | head)."""

    def __init__(self):
        self.broken = False

    def line(self, s):
        if self.broken:
            return
        try:
            sys.stdout.write(s + '\n')
        except BrokenPipeError:
            self.broken = True
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except OSError:
                pass


def quote(data):
    """A byte run as a double-quoted latin-1 string, escaping what would not print."""
    out = []
    for b in data:
        c = chr(b)
        if c == '"' or c == '\\':
            out.append('\\' + c)
        elif 0x20 <= b < 0x7F or b >= 0xA0:
            out.append(c)
        else:
            out.append('\\x%02x' % b)
    return '"' + ''.join(out) + '"'


class Piece:
    """One piece of paper between cuts: rows of grey pixels, or ints for blank feed rows."""

    def __init__(self):
        self.items = []
        self.height = 0
        self.capped = False

    def empty(self):
        return not self.items

    def add_rows(self, rows, max_height, out):
        for r in rows:
            if self.height >= max_height:
                self._cap(max_height, out)
                return
            self.items.append(r)
            self.height += 1

    def add_feed(self, dots, max_height, out):
        if dots <= 0:
            return
        room = max_height - self.height
        if dots > room:
            dots = room
            self._cap(max_height, out)
        if dots <= 0:
            return
        if self.items and isinstance(self.items[-1], int):
            self.items[-1] += dots
        else:
            self.items.append(dots)
        self.height += dots

    def trim_feed(self):
        while self.items and isinstance(self.items[-1], int):
            self.height -= self.items.pop()

    def _cap(self, max_height, out):
        if not self.capped:
            self.capped = True
            out.line('LIMIT paper piece longer than %d dots: the rest is not drawn' % max_height)


class Decoder:
    def __init__(self, data, width, max_height, out):
        self.d = data
        self.i = 0
        self.width = width
        self.max_height = max_height
        self.out = out
        self.pieces = [Piece()]
        self.cuts = 0
        self.unknown = 0
        self.invalid = 0
        self.reset()

    # -- printer state ---------------------------------------------------------------------
    def reset(self):
        self.align = 0
        self.line = DEFAULT_LINE
        self.margin = 0
        self.area = self.width
        self.pending_text = False

    @property
    def piece(self):
        return self.pieces[-1]

    def feed(self, dots):
        self.piece.add_feed(dots, self.max_height, self.out)

    def cut(self):
        self.cuts += 1
        self.pieces.append(Piece())

    # -- reading -----------------------------------------------------------------------------
    def need(self, n, what):
        have = len(self.d) - self.i
        if have < n:
            raise Truncated('%s: needs %d more bytes, the stream has %d' % (what, n, have))

    def take(self, n, what):
        self.need(n, what)
        s = self.d[self.i:self.i + n]
        self.i += n
        return s

    def emit(self, s):
        self.out.line(s)

    def bad(self, s):
        self.invalid += 1
        self.emit(s)

    def unknown_bytes(self, bs):
        self.unknown += 1
        self.emit('UNKNOWN ' + ' '.join('0x%02X' % b for b in bs))

    # -- main loop ---------------------------------------------------------------------------
    def run(self):
        n = len(self.d)
        while self.i < n:
            b = self.d[self.i]
            if b == ESC:
                self.esc()
            elif b == GS:
                self.gs()
            elif b == DLE:
                self.dle()
            elif b == FS:
                self.fs()
            elif b == 0x0A:
                self.i += 1
                self.emit('LF line feed')
                self.feed(self.line)
                self.pending_text = False
            elif b == 0x0D:
                self.i += 1
                self.emit('CR carriage return')
            elif b == 0x09:
                self.i += 1
                self.emit('HT horizontal tab')
            elif b == 0x0C:
                self.i += 1
                self.emit('FF form feed / print page')
            elif b == 0x18:
                self.i += 1
                self.emit('CAN cancel page data')
            elif 0x20 <= b != 0x7F:
                j = self.i
                while j < n and 0x20 <= self.d[j] != 0x7F:
                    j += 1
                self.emit('TEXT ' + quote(self.d[self.i:j]))
                self.i = j
                self.pending_text = True
            else:
                self.i += 1
                self.unknown_bytes([b])

    # -- ESC ---------------------------------------------------------------------------------
    def esc(self):
        start = self.i
        _, c = self.take(2, 'ESC')
        if c == 0x40:
            self.emit('ESC @ init')
            self.reset()
        elif c == 0x61:
            (a,) = self.take(1, 'ESC a')
            al = a - 48 if 48 <= a <= 50 else a
            if al in ALIGN_NAMES:
                self.align = al
                self.emit('ESC a %d align %s' % (a, ALIGN_NAMES[al]))
            else:
                self.bad('ESC a %d INVALID alignment (ignored)' % a)
        elif c == 0x64:
            (k,) = self.take(1, 'ESC d')
            self.emit('ESC d %d feed' % k)
            self.feed(k * self.line)
            self.pending_text = False
        elif c == 0x4A:
            (k,) = self.take(1, 'ESC J')
            self.emit('ESC J %d feed dots' % k)
            self.feed(k)
            self.pending_text = False
        elif c == 0x45:
            (k,) = self.take(1, 'ESC E')
            self.emit('ESC E %d emphasis %s' % (k, 'on' if k & 1 else 'off'))
        elif c == 0x21:
            (k,) = self.take(1, 'ESC !')
            flags = [name for bit, name in ((0x01, 'font B'), (0x08, 'emphasis'),
                                            (0x10, 'double height'), (0x20, 'double width'),
                                            (0x80, 'underline')) if k & bit]
            self.emit('ESC ! 0x%02X print mode%s' % (k, ': ' + ', '.join(flags) if flags else ''))
        elif c == 0x32:
            self.emit('ESC 2 default line spacing')
            self.line = DEFAULT_LINE
        elif c == 0x33:
            (k,) = self.take(1, 'ESC 3')
            self.emit('ESC 3 %d line spacing' % k)
            self.line = k
        elif c == 0x69 or c == 0x6D:
            self.emit('ESC %s %s cut (obsolete command)' % (chr(c), 'full' if c == 0x69 else 'partial'))
            self.cut()
        elif c == 0x2A:
            m, nl, nh = self.take(3, 'ESC *')
            cols = nl + 256 * nh
            k = cols * (3 if m in (32, 33) else 1)
            self.take(k, 'ESC * data')
            self.emit('ESC * m=%d %d columns bit image (listed, not drawn)' % (m, cols))
        elif c == 0x44:
            j = self.i
            while j < len(self.d) and self.d[j] != 0 and j - self.i < 32:
                j += 1
            self.need(j - self.i + 1, 'ESC D')
            self.emit('ESC D %d horizontal tab positions' % (j - self.i))
            self.i = j + 1
        elif c in ESC_SIMPLE:
            nargs, what = ESC_SIMPLE[c]
            args = self.take(nargs, 'ESC ' + chr(c))
            self.emit(' '.join(['ESC', chr(c)] + [str(a) for a in args] + [what]))
        else:
            self.i = start + 2
            self.unknown_bytes([ESC, c])

    # -- GS ----------------------------------------------------------------------------------
    def gs(self):
        start = self.i
        _, c = self.take(2, 'GS')
        if c == 0x76:
            self.raster()
        elif c == 0x56:
            self.gs_cut()
        elif c == 0x21:
            (k,) = self.take(1, 'GS !')
            self.emit('GS ! 0x%02X char size %dx%d' % (k, (k >> 4) + 1, (k & 15) + 1))
        elif c == 0x4C:
            lo, hi = self.take(2, 'GS L')
            self.margin = lo + 256 * hi
            self.emit('GS L %d left margin' % self.margin)
        elif c == 0x57:
            lo, hi = self.take(2, 'GS W')
            self.area = lo + 256 * hi
            self.emit('GS W %d print area width' % self.area)
        elif c == 0x28:
            fn, pl, ph = self.take(3, 'GS (')
            p = pl + 256 * ph
            body = self.take(p, 'GS ( %s data' % chr(fn))
            if fn == 0x6B and len(body) >= 2:
                cn, f = body[0], body[1]
                what = QR_FUNCTIONS.get(f, 'function %d' % f) if cn == 49 else 'symbol %d function %d' % (cn, f)
                extra = ' %d bytes' % (p - 3) if cn == 49 and f == 80 else ''
                self.emit('GS ( k cn=%d fn=%d %s%s' % (cn, f, what, extra))
            else:
                self.emit('GS ( %s %d bytes' % (chr(fn), p))
        elif c == 0x38 and self.d[self.i:self.i + 1] == b'L':
            hdr = self.take(5, 'GS 8 L')
            p = struct.unpack('<I', hdr[1:5])[0]
            self.take(p, 'GS 8 L data')
            self.emit('GS 8 L %d bytes graphics data (listed, not drawn)' % p)
        elif c == 0x6B:
            (m,) = self.take(1, 'GS k')
            if m <= 6:
                j = self.i
                while j < len(self.d) and self.d[j] != 0:
                    j += 1
                self.need(j - self.i + 1, 'GS k data')
                self.emit('GS k %d bar code %d bytes' % (m, j - self.i))
                self.i = j + 1
            else:
                (k,) = self.take(1, 'GS k')
                self.take(k, 'GS k data')
                self.emit('GS k %d bar code %d bytes' % (m, k))
        elif c in GS_SIMPLE:
            nargs, what = GS_SIMPLE[c]
            args = self.take(nargs, 'GS ' + chr(c))
            self.emit(' '.join(['GS', chr(c)] + [str(a) for a in args] + [what]))
        else:
            self.i = start + 2
            self.unknown_bytes([GS, c])

    def gs_cut(self):
        (m,) = self.take(1, 'GS V')
        if m in (0, 48, 1, 49):
            self.emit('GS V %d %s cut' % (m, 'full' if m in (0, 48) else 'partial'))
        elif m in (65, 66):
            (k,) = self.take(1, 'GS V %d' % m)
            self.emit('GS V %d %d %s cut' % (m, k, 'full' if m == 65 else 'partial'))
            self.feed(k)
        elif m in (97, 98, 103, 104):
            (k,) = self.take(1, 'GS V %d' % m)
            self.emit('GS V %d %d %s cut (reserved position)' % (m, k, 'full' if m in (97, 103) else 'partial'))
            self.feed(k)
        else:
            self.bad('GS V %d INVALID cut mode (ignored)' % m)
            return
        self.cut()

    def raster(self):
        (z,) = self.take(1, 'GS v')
        if z != 0x30:
            self.i -= 1
            self.unknown_bytes([GS, 0x76])
            return
        m, xl, xh, yl, yh = self.take(5, 'GS v 0 header')
        xbytes, rows = xl + 256 * xh, yl + 256 * yh
        k = xbytes * rows
        label = 'GS v 0 m=%d' % m
        data = self.take(k, '%s %d bytes x %d rows data' % (label, xbytes, rows))
        mode = m - 48 if 48 <= m <= 51 else m
        if mode not in (0, 1, 2, 3):
            self.bad('%s %d bytes x %d rows INVALID mode (not drawn)' % (label, xbytes, rows))
            return
        sx, sy = (2 if mode & 1 else 1), (2 if mode & 2 else 1)
        if k == 0:
            self.bad('%s %dx%d %d bytes x %d rows INVALID empty image (ignored)' % (label, sx, sy, xbytes, rows))
            return
        w = xbytes * 8 * sx
        left = min(self.margin, self.width)
        area = max(0, min(self.area, self.width - left))
        free = area - w
        x = left + (0 if self.align == 0 or free <= 0 else free // 2 if self.align == 1 else free)
        note = ''
        if w > area:
            note = ' (%d dots wide: %d clipped by the %d-dot print area)' % (w, w - area, area)
        self.emit('%s %dx%d %d bytes x %d rows%s' % (label, sx, sy, xbytes, rows, note))
        lut = LUT2 if sx == 2 else LUT1
        keep = max(0, min(w, self.width - x))
        pad_left = bytes([WHITE]) * x
        pad_right = bytes([WHITE]) * (self.width - x - keep)
        out_rows = []
        for r in range(rows):
            line = b''.join(lut[b] for b in data[r * xbytes:(r + 1) * xbytes])[:keep]
            row = pad_left + line + pad_right
            out_rows.append(row)
            if sy == 2:
                out_rows.append(row)
        self.piece.add_rows(out_rows, self.max_height, self.out)

    # -- DLE, FS -----------------------------------------------------------------------------
    def dle(self):
        start = self.i
        _, c = self.take(2, 'DLE')
        if c == 0x04:
            (k,) = self.take(1, 'DLE EOT')
            if k in (7, 8):
                (a,) = self.take(1, 'DLE EOT %d' % k)
                self.emit('DLE EOT %d %d transmit status' % (k, a))
            else:
                what = {1: 'printer', 2: 'off-line', 3: 'error', 4: 'paper roll sensor'}.get(k)
                if what:
                    self.emit('DLE EOT %d transmit %s status' % (k, what))
                else:
                    self.bad('DLE EOT %d INVALID status request' % k)
        elif c == 0x05:
            (k,) = self.take(1, 'DLE ENQ')
            self.emit('DLE ENQ %d real-time request' % k)
        elif c == 0x14:
            fn = self.take(1, 'DLE DC4')[0]
            if fn == 1:
                m, t = self.take(2, 'DLE DC4 1')
                self.emit('DLE DC4 1 %d %d real-time pulse' % (m, t))
            elif fn == 2:
                a, b = self.take(2, 'DLE DC4 2')
                self.emit('DLE DC4 2 %d %d power off' % (a, b))
            elif fn == 8:
                self.take(7, 'DLE DC4 8')
                self.emit('DLE DC4 8 clear buffers')
            else:
                self.i = start + 2
                self.unknown_bytes([DLE, 0x14])
        else:
            self.i = start + 2
            self.unknown_bytes([DLE, c])

    def fs(self):
        start = self.i
        _, c = self.take(2, 'FS')
        if c in (0x26, 0x2E):
            self.emit('FS %s %s kanji mode' % (chr(c), 'select' if c == 0x26 else 'cancel'))
        elif c == 0x70:
            n, m = self.take(2, 'FS p')
            self.emit('FS p %d %d print NV bit image (not drawn)' % (n, m))
        else:
            self.i = start + 2
            self.unknown_bytes([FS, c])


def write_png(path, width, piece):
    """8-bit greyscale PNG, one row per item (ints are that many white rows)."""
    height = max(1, piece.height)
    comp = zlib.compressobj(9)
    chunks = []
    white = b'\x00' + bytes([WHITE]) * width
    for it in piece.items:
        if isinstance(it, int):
            for _ in range(it):
                chunks.append(comp.compress(white))
        else:
            chunks.append(comp.compress(b'\x00' + it))
    if piece.height == 0:
        chunks.append(comp.compress(white))
    chunks.append(comp.flush())

    def chunk(tag, body):
        return (struct.pack('>I', len(body)) + tag + body +
                struct.pack('>I', zlib.crc32(tag + body) & 0xFFFFFFFF))

    png = (b'\x89PNG\r\n\x1a\n' +
           chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0)) +
           chunk(b'IDAT', b''.join(chunks)) + chunk(b'IEND', b''))
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(png)
    os.replace(tmp, path)
    return height


def usage(msg=None):
    if msg:
        sys.stderr.write('escpos2png: %s\n' % msg)
    sys.stderr.write('usage: escpos2png.py [--width DOTS] [--trim-feed] [--strict] '
                     '[--max-height DOTS] IN.bin OUT_PREFIX\n')
    return 2


def main(argv):
    width, trim, strict, max_height = 576, False, False, 200000
    pos = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ('--width', '--max-height') or a.startswith(('--width=', '--max-height=')):
            name, _, val = a.partition('=')
            if not val:
                if not args:
                    return usage('%s needs a value' % name)
                val = args.pop(0)
            try:
                v = int(val)
            except ValueError:
                return usage('%s: not a number: %s' % (name, val))
            if not 8 <= v <= 65535 * 16:
                return usage('%s out of range: %d' % (name, v))
            if name == '--width':
                width = v
            else:
                max_height = v
        elif a == '--trim-feed':
            trim = True
        elif a == '--strict':
            strict = True
        elif a in ('-h', '--help'):
            sys.stdout.write(__doc__)
            return 0
        elif a == '--':
            pos.extend(args)
            break
        elif a.startswith('--'):
            return usage('unknown option %s' % a)
        else:
            pos.append(a)
    if len(pos) != 2:
        return usage()
    src, prefix = pos
    try:
        with open(src, 'rb') as f:
            data = f.read()
    except OSError as e:
        sys.stderr.write('escpos2png: %s: %s\n' % (src, e.strerror))
        return 2

    out = Out()
    dec = Decoder(data, width, max_height, out)
    status = 0
    try:
        dec.run()
    except Truncated as e:
        out.line('TRUNCATED %s' % e)
        status = 1

    pieces = [p for p in dec.pieces if not p.empty()]
    if trim:
        for p in pieces:
            p.trim_feed()
    if not pieces:
        pieces = [Piece()]
    names = ['%s.png' % prefix] if len(pieces) == 1 else \
        ['%s-%d.png' % (prefix, n + 1) for n in range(len(pieces))]
    try:
        for name, p in zip(names, pieces):
            h = write_png(name, width, p)
            sys.stderr.write('escpos2png: wrote %s (%dx%d)\n' % (name, width, h))
    except OSError as e:
        sys.stderr.write('escpos2png: cannot write %s: %s\n' % (e.filename, e.strerror))
        return 2
    if status == 0 and strict and (dec.unknown or dec.invalid):
        sys.stderr.write('escpos2png: %d unknown, %d invalid commands\n' % (dec.unknown, dec.invalid))
        status = 3
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
