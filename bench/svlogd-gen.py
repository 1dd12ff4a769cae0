#!/usr/bin/env python3
"""Writes N MB of realistic log lines (40-200 bytes, deterministic) to stdout."""
import random, sys
mb = int(sys.argv[1]) if len(sys.argv) > 1 else 200
rnd = random.Random(42)
words = ("info: warning: error: pid connection from 10.4.1.14 accepted closed request GET /index.html "
         "200 404 user session timeout tcpsvd: sshd[1977]: Accepted publickey for root port 52144 ssh2").split()
out = sys.stdout.buffer
total, target, i = 0, mb * 1000 * 1000, 0
buf = []
while total < target:
    n = rnd.randint(40, 200)
    line = "svc%d:" % i
    while len(line) < n - 1:
        line += " " + rnd.choice(words)
    line = line[:n - 1] + "\n"
    b = line.encode()
    buf.append(b)
    total += len(b)
    i += 1
    if len(buf) >= 10000:
        out.write(b"".join(buf)); buf = []
out.write(b"".join(buf))
