#!/usr/bin/env python3
"""Opens the map's console on a node over a WebSocket and runs one command in it.

Usage: console_probe.py BASE_URL TOKEN NODE
Sends `echo asemu-$((6*7))` and a malformed message; passes when the shell prints asemu-42,
the malformed message gets an error reply and the shell still answers afterwards.
Speaks just enough of RFC 6455 for that, to 127.0.0.1 only.
"""
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.parse


def frame(payload: bytes, opcode: int = 1) -> bytes:
    mask = os.urandom(4)
    head = bytes([0x80 | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def read_frames(sock, buf):
    """Yields (opcode, payload) of whole frames in buf, returning the rest."""
    out = []
    while len(buf) >= 2:
        n = buf[1] & 0x7F
        at = 2
        if n == 126:
            if len(buf) < 4:
                break
            n, at = struct.unpack(">H", buf[2:4])[0], 4
        elif n == 127:
            if len(buf) < 10:
                break
            n, at = struct.unpack(">Q", buf[2:10])[0], 10
        if len(buf) < at + n:
            break
        out.append((buf[0] & 0x0F, buf[at:at + n]))
        buf = buf[at + n:]
    return out, buf


def main():
    base, token, node = sys.argv[1:4]
    url = urllib.parse.urlparse(base)
    if url.hostname != "127.0.0.1":
        sys.exit("console_probe talks to 127.0.0.1 only")
    sock = socket.create_connection((url.hostname, url.port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    path = "/api/console?node=" + urllib.parse.quote(node, safe="")
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {url.netloc}\r\nOrigin: {base}\r\n"
                  f"Authorization: Bearer {token}\r\nConnection: Upgrade\r\n"
                  f"Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                  f"Sec-WebSocket-Key: {key}\r\n\r\n").encode())
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(4096)
        if not chunk:
            sys.exit("FAIL: the server closed the connection during the upgrade")
        buf += chunk
    head, buf = buf.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        sys.exit("FAIL: console upgrade refused: " + head.decode(errors="replace").splitlines()[0])

    def send(obj):
        sock.sendall(frame(obj if isinstance(obj, bytes) else json.dumps(obj).encode()))

    output, errors = b"", []

    def wait_for(pred, seconds):
        nonlocal buf, output
        deadline = time.time() + seconds
        while not pred() and time.time() < deadline:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                break
            frames, buf = read_frames(sock, buf + chunk)
            for op, payload in frames:
                if op == 2:
                    output += payload
                elif op == 1:
                    errors.append(json.loads(payload))
                elif op == 8:
                    return
        return pred()

    sock.settimeout(0.5)
    send({"type": "resize", "cols": 100, "rows": 30})
    send({"type": "input", "data": "echo asemu-$((6*7))\r"})
    if not wait_for(lambda: b"asemu-42" in output, 10):
        sys.exit("FAIL: the shell did not answer: " + output.decode(errors="replace")[-300:])
    send({"type": "resize", "cols": "wide"})
    if not wait_for(lambda: errors, 5):
        sys.exit("FAIL: a malformed message got no error reply")
    if errors[0].get("type") != "error":
        sys.exit(f"FAIL: unexpected reply {errors[0]}")
    send({"type": "input", "data": "echo still-$((40+2))\r"})
    if not wait_for(lambda: b"still-42" in output, 10):
        sys.exit("FAIL: the console stopped after a malformed message")
    send({"type": "input", "data": "exit\r"})
    print(f"console on {node}: shell answered; malformed message answered with: {errors[0]['error']}")


if __name__ == "__main__":
    main()
