"""Real Python clients for the env real-client test: requests or httpx, one request per case.

Names ending in .invalid resolve to 127.0.0.23 (the test's direct-target listener), through the
client's own resolver hook (socket.getaddrinfo), so a direct request never leaves the machine.
"""
import json
import os
import socket
import sys

_getaddrinfo = socket.getaddrinfo


def _loopback_getaddrinfo(host, port, *args, **kwargs):
    if isinstance(host, bytes):
        host = host.decode()
    if isinstance(host, str) and host.rstrip(".").endswith(".invalid"):
        host = "127.0.0.23"
    return _getaddrinfo(host, port, *args, **kwargs)


socket.getaddrinfo = _loopback_getaddrinfo

mode = sys.argv[1]
with open(sys.argv[2]) as f:
    cases = json.load(f)
base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}

if mode == "requests":
    import requests
else:
    import httpx

for case in cases:
    os.environ.clear()
    os.environ.update(base)
    os.environ.update(case["env"])
    try:
        if mode == "requests":
            requests.get(case["url"], timeout=3)
        else:
            with httpx.Client(timeout=3) as client:
                client.get(case["url"])
        out = "ok"
    except Exception as e:  # the outcome is what the proxy saw; the error is for the log
        out = "%s: %s" % (type(e).__name__, str(e)[:160])
    print(json.dumps({"id": case["id"], "out": out}), flush=True)
