#!/usr/bin/env python3
"""Drives the map's WebSockets on a running emulation, as a page would.

Usage: map_ws_probe.py console BASE_URL TOKEN NODE
         sends `echo asemu-$((6*7))` and a malformed message; passes when the shell prints
         asemu-42, the malformed message gets an error reply and the shell still answers.
       map_ws_probe.py events BASE_URL TOKEN
         opens the most event streams the map serves, checks that one more is refused with a
         clear error and closed, and that a huge and a malformed message are answered with
         errors on an open stream, which stays open.
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

MAX_EVENT_STREAMS = 16


def fail(why):
    sys.exit("FAIL: " + why)


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


class Stream:
    """One WebSocket to the map: binary frames collect in .output, text frames in .texts."""

    def __init__(self, base, token, path):
        url = urllib.parse.urlparse(base)
        if url.hostname != "127.0.0.1":
            fail("the probe talks to 127.0.0.1 only")
        self.sock = socket.create_connection((url.hostname, url.port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {url.netloc}\r\nOrigin: {base}\r\n"
                           f"Authorization: Bearer {token}\r\nConnection: Upgrade\r\n"
                           f"Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                           f"Sec-WebSocket-Key: {key}\r\n\r\n").encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                fail("the server closed the connection during the upgrade")
            buf += chunk
        head, self.buf = buf.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            fail(f"upgrade of {path} refused: " + head.decode(errors="replace").splitlines()[0])
        self.sock.settimeout(0.2)
        self.output, self.texts, self.closed = b"", [], False

    def send(self, obj):
        self.sock.sendall(frame(obj if isinstance(obj, bytes) else json.dumps(obj).encode()))

    def frames(self):
        while len(self.buf) >= 2:
            n, at = self.buf[1] & 0x7F, 2
            if n == 126:
                if len(self.buf) < 4:
                    return
                n, at = struct.unpack(">H", self.buf[2:4])[0], 4
            elif n == 127:
                if len(self.buf) < 10:
                    return
                n, at = struct.unpack(">Q", self.buf[2:10])[0], 10
            if len(self.buf) < at + n:
                return
            op, payload = self.buf[0] & 0x0F, self.buf[at:at + n]
            self.buf = self.buf[at + n:]
            if op == 2:
                self.output += payload
            elif op == 1:
                self.texts.append(json.loads(payload))
            elif op == 8:
                self.closed = True

    def wait_for(self, pred, seconds):
        self.frames()  # what came with the upgrade's answer
        deadline = time.time() + seconds
        while not pred() and not self.closed and time.time() < deadline:
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                self.closed = True
                break
            self.buf += chunk
            self.frames()
        return pred()

    def errors(self):
        return [t for t in self.texts if t.get("type") == "error"]


def console(base, token, node):
    s = Stream(base, token, "/api/console?node=" + urllib.parse.quote(node, safe=""))
    s.send({"type": "resize", "cols": 100, "rows": 30})
    s.send({"type": "input", "data": "echo asemu-$((6*7))\r"})
    if not s.wait_for(lambda: b"asemu-42" in s.output, 10):
        fail("the shell did not answer: " + s.output.decode(errors="replace")[-300:])
    s.send({"type": "resize", "cols": "wide"})
    if not s.wait_for(s.errors, 5):
        fail("a malformed console message got no error reply")
    s.send({"type": "input", "data": "echo still-$((40+2))\r"})
    if not s.wait_for(lambda: b"still-42" in s.output, 10):
        fail("the console stopped after a malformed message")
    s.send({"type": "input", "data": "exit\r"})
    print(f"console on {node}: the shell answered; a malformed message got: {s.errors()[0]['error']}")


def events(base, token):
    streams = [Stream(base, token, "/api/events?filter=icmp") for _ in range(MAX_EVENT_STREAMS)]
    for s in streams:
        if not s.wait_for(lambda: any(t.get("type") == "ready" for t in s.texts), 10):
            fail(f"an event stream did not become ready: {s.texts}")
    extra = Stream(base, token, "/api/events")
    if not extra.wait_for(extra.errors, 5) or "too many event streams" not in extra.errors()[0]["error"]:
        fail(f"stream {MAX_EVENT_STREAMS + 1} was not refused clearly: {extra.texts}")
    if not extra.wait_for(lambda: extra.closed, 5):
        fail(f"stream {MAX_EVENT_STREAMS + 1} was refused but not closed")
    first = streams[0]
    first.send(b"x" * 200000)
    first.send(b"{not json")
    if not first.wait_for(lambda: len(first.errors()) >= 2, 5):
        fail(f"huge or malformed messages on an event stream got no error reply: {first.texts}")
    if first.closed:
        fail("the event stream closed after a malformed message")
    print(f"{MAX_EVENT_STREAMS} event streams open; one more refused: {extra.errors()[0]['error']}; "
          f"a huge message got: {first.errors()[0]['error']}")


def main():
    if sys.argv[1:2] == ["console"] and len(sys.argv) == 5:
        console(*sys.argv[2:5])
    elif sys.argv[1:2] == ["events"] and len(sys.argv) == 4:
        events(*sys.argv[2:4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
