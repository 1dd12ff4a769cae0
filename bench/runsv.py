"""runsv benchmark: C runsv and runnel runsv measured in the same run."""
import os, shutil, signal, statistics, subprocess, sys, tempfile, time

C, RUNNEL, N, RESTARTS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def make_services(root, n, run):
    dirs = []
    for i in range(n):
        d = os.path.join(root, f"s{i}")
        os.makedirs(d)
        with open(os.path.join(d, "run"), "w") as f:
            f.write("#!/bin/sh\n" + run + "\n")
        os.chmod(os.path.join(d, "run"), 0o755)
        dirs.append(d)
    return dirs


def read(p):
    try:
        with open(p) as f:
            return f.read()
    except OSError:
        return ""


def wait_running(dirs, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        if all(read(os.path.join(d, "supervise/stat")).startswith("run") for d in dirs):
            return
        time.sleep(0.05)
    raise SystemExit("services did not come up")


def start(binary, dirs):
    return [subprocess.Popen([binary, d], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for d in dirs]


def stop(procs, dirs):
    for d in dirs:
        try:
            fd = os.open(os.path.join(d, "supervise/control"), os.O_WRONLY | os.O_NONBLOCK)
            os.write(fd, b"x")
            os.close(fd)
        except OSError:
            pass
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def smaps(pid):
    r = {}
    for line in read(f"/proc/{pid}/smaps_rollup").splitlines()[1:]:
        k, v = line.split(":", 1)
        r[k] = int(v.split()[0])
    return r


def cpu_ticks(pid):
    f = read(f"/proc/{pid}/stat").rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])


def memory(binary, n):
    root = tempfile.mkdtemp(prefix="bench-runsv-")
    try:
        dirs = make_services(root, n, "exec sleep 100000")
        procs = start(binary, dirs)
        wait_running(dirs)
        time.sleep(1)
        m = [smaps(p.pid) for p in procs]
        stop(procs, dirs)
        return (statistics.mean(x["Private_Dirty"] for x in m), statistics.mean(x["Pss"] for x in m))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def latency(binary, rounds=15):
    root = tempfile.mkdtemp(prefix="bench-runsv-")
    try:
        (d,) = make_services(root, 1, "exec sleep 100000")
        procs = start(binary, [d])
        wait_running([d])
        out = []
        for _ in range(rounds):
            time.sleep(1.05)  # run lives > 1 s: no restart throttle
            old = int(read(os.path.join(d, "supervise/pid")))
            t0 = time.perf_counter()
            os.kill(old, signal.SIGKILL)
            while True:
                s = read(os.path.join(d, "supervise/pid")).strip()
                if s and int(s) != old:
                    break
            out.append((time.perf_counter() - t0) * 1000)
        stop(procs, [d])
        return statistics.median(out), max(out)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def restarts(binary, n, per):
    root = tempfile.mkdtemp(prefix="bench-runsv-")
    try:
        dirs = make_services(root, n, "echo >> count; exit 0")
        procs = start(binary, dirs)
        # ./run exits at once: runsv restarts it once a second.
        time.sleep(per + 0.5)
        ticks = sum(cpu_ticks(p.pid) for p in procs)
        stop(procs, dirs)
        count = sum(len(read(os.path.join(d, "count"))) for d in dirs)
        return ticks * 1000 / os.sysconf("SC_CLK_TCK"), count
    finally:
        shutil.rmtree(root, ignore_errors=True)


res = {}
for name, b in (("C", C), ("runnel", RUNNEL)):
    res[name] = {"mem": memory(b, N), "lat": latency(b), "cpu": restarts(b, N, RESTARTS)}

c, r = res["C"], res["runnel"]
print(f"runsv benchmark: {N} services, {N * RESTARTS} restarts")
print(f"{'':32}{'C':>12}{'runnel':>12}{'runnel/C':>10}")
print(f"{'private dirty per runsv (kB)':32}{c['mem'][0]:>12.0f}{r['mem'][0]:>12.0f}{r['mem'][0] / c['mem'][0]:>10.2f}")
print(f"{'PSS per runsv (kB)':32}{c['mem'][1]:>12.0f}{r['mem'][1]:>12.0f}{r['mem'][1] / c['mem'][1]:>10.2f}")
print(f"{'restart after kill -9, median ms':32}{c['lat'][0]:>12.2f}{r['lat'][0]:>12.2f}{r['lat'][0] / c['lat'][0]:>10.2f}")
print(f"{'restart after kill -9, max ms':32}{c['lat'][1]:>12.2f}{r['lat'][1]:>12.2f}{r['lat'][1] / c['lat'][1]:>10.2f}")
cc = c["cpu"][0] / c["cpu"][1] * 1000
rc = r["cpu"][0] / r["cpu"][1] * 1000
print(f"{'runsv CPU per restart (us)':32}{cc:>12.0f}{rc:>12.0f}{rc / cc:>10.2f}")
