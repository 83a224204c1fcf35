#!/usr/bin/env python3
"""A service manager's notify socket, for the kiosk's tests: binds a datagram socket at
argv[1] (what NOTIFY_SOCKET names) and writes each message it receives to argv[2], one line
each, as it arrives."""
import os
import socket
import sys


def main():
    path, out = sys.argv[1], sys.argv[2]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    if os.path.exists(path):
        os.unlink(path)
    sock.bind(path)
    with open(out, 'a', encoding='utf-8') as f:
        while True:
            data = sock.recv(4096)
            for msg in data.decode('utf-8', 'replace').split('\n'):
                if msg:
                    f.write(msg + '\n')
            f.flush()


if __name__ == '__main__':
    main()
