#!/usr/bin/env python3
"""Load on `crosscheck serve`: N concurrent clients each POST /api/review
with drafts taken in turn from a folder, for a fixed time, on 127.0.0.1
only. Prints errors, latency percentiles and the server's RSS after the
warm-up and at the end (from /proc/PID/status).

    serve_load.py --addr 127.0.0.1:PORT --pid PID --drafts DIR
                  [--clients 50] [--seconds 60] [--warmup 10]
"""
import argparse
import http.client
import json
import os
import threading
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--drafts", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=10)
    args = ap.parse_args()
    host, port = args.addr.rsplit(":", 1)
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("serve_load.py: loopback addresses only")
    names = sorted(os.listdir(args.drafts))
    drafts = []
    for n in names:
        with open(os.path.join(args.drafts, n), encoding="utf-8") as f:
            drafts.append(json.dumps({"name": n, "text": f.read()}).encode())
    if not drafts:
        raise SystemExit("serve_load.py: no drafts")

    lock = threading.Lock()
    latencies, errors, findings = [], [], [0]
    start = time.monotonic()
    warm_end = start + args.warmup
    end = warm_end + args.seconds
    rss = {}

    def client(i):
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        k = i
        while time.monotonic() < end:
            body = drafts[k % len(drafts)]
            k += args.clients
            t0 = time.monotonic()
            try:
                conn.request("POST", "/api/review", body, {"Content-Type": "application/json"})
                res = conn.getresponse()
                data = res.read()
                ok = res.status == 200
                n = len(json.loads(data)["findings"]) if ok else 0
            except Exception as e:  # a refused or broken connection is an error too
                ok, data, n = False, str(e).encode(), 0
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=120)
            t1 = time.monotonic()
            with lock:
                if t0 >= warm_end:
                    if ok:
                        latencies.append(t1 - t0)
                        findings[0] += n
                    else:
                        errors.append(data[:200])

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    time.sleep(max(0, warm_end - time.monotonic()))
    rss["warm"] = rss_kib(args.pid)
    for t in threads:
        t.join()
    rss["end"] = rss_kib(args.pid)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    out = {
        "clients": args.clients,
        "seconds": args.seconds,
        "drafts": len(drafts),
        "reviews": len(latencies),
        "errors": len(errors),
        "reviews_per_s": round(len(latencies) / args.seconds, 1),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "findings": findings[0],
        "rss_warm_mib": round(rss["warm"] / 1024, 1),
        "rss_end_mib": round(rss["end"] / 1024, 1),
        "rss_change_pct": round(100 * (rss["end"] - rss["warm"]) / max(rss["warm"], 1), 1),
    }
    if errors:
        out["first_error"] = errors[0].decode("utf-8", "replace")
    print(json.dumps(out, indent=2))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
