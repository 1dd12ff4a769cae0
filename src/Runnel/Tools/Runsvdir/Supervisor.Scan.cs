using System;
using System.Collections.Generic;
using Runnel.Posix;

namespace Runnel.Tools.Runsvdir;

internal sealed unsafe partial class Supervisor
{
    /// <summary>A directory created in place gets this long to be filled (run, down...) before its runsv starts.</summary>
    private const int SettleMs = 1000;

    private readonly DirReader _reader = new();
    private readonly List<string> _names = new();
    private readonly List<int> _toTerm = new();
    private readonly List<Service> _retry = new();
    /// <summary>New directories made in place, by name: when they were first seen.</summary>
    private readonly Dictionary<string, long> _settling = new();
    private long _rescanDue, _nextRetry, _lastScanEnd, _lastScanCost;

    /// <summary>A rescan soon; back to back only while scans stay cheap, so bursts of changes coalesce.</summary>
    private void RequestRescan(long now)
    {
        long due = Math.Max(now, _lastScanEnd + Math.Min(50, 2 * _lastScanCost));
        if (_rescanDue == 0 || due < _rescanDue) _rescanDue = due;
    }

    /// <summary>runit's runsvdir(): start what is new or has no runsv, TERM the runsv of what is gone.</summary>
    private void Scan()
    {
        _rescanDue = 0;
        long t0 = Clock.MonotonicMs();
        int fd = DirReader.Open(_svdir);
        if (fd == -1)
        {
            int e = Libc.Errno;
            // Where runit's chdir into dir would have failed, say what runit says.
            bool chdirWould = e is Errors.ENOTDIR or Errors.ENOENT or Errors.ELOOP or Errors.ENAMETOOLONG;
            _msg.Warn(e, chdirWould ? "unable to change directory to " : "unable to open directory ", _svdir);
            _check = true;
            return;
        }
        _names.Clear();
        int err = _reader.ReadNames(fd, _names);
        Fd.Close(fd);
        foreach (Service s in _table.All) s.Seen = false;
        long settleDue = 0;
        foreach (string name in _names) ScanEntry(name, ref settleDue);
        if (err != 0)
        {
            // As runit: a failed read removes nothing.
            foreach (Service s in _table.All) s.Seen = true;
            _msg.Warn(err, "unable to read directory ", _svdir);
            _check = true;
            return;
        }
        _toTerm.Clear();
        _table.RemoveUnseen(_toTerm);
        foreach (int pid in _toTerm) Libc.kill(pid, Libc.SIGTERM);
        if (_toTerm.Count > 0) _check = true;
        if (_settling.Count > 0) ForgetSettling();
        _lastScanEnd = Clock.MonotonicMs();
        _lastScanCost = _lastScanEnd - t0;
        if (settleDue != 0 && (_rescanDue == 0 || settleDue < _rescanDue)) _rescanDue = settleDue;
    }

    private void ScanEntry(string name, ref long settleDue)
    {
        string path = _svdir + "/" + name;
        if (!Fd.Stat(path, out Libc.Stat st))
        {
            _msg.Warn(Libc.Errno, "unable to stat ", name);
            return;
        }
        if (!st.IsDir) return;
        Service? s = _table.Find(st.Dev, st.Ino);
        if (s != null)
        {
            s.Seen = true;
            s.Name = name;
            if (s.Pid == 0 && s.RetryAtMs == 0) Start(s);
            return;
        }
        if (_table.Count >= _max)
        {
            _msg.Warn3x("unable to start runsv ", name, ": too many services.");
            return;
        }
        if (!Settled(name, path, st, ref settleDue)) return;
        Start(_table.Add(st.Dev, st.Ino, name));
        _check = true;
    }

    /// <summary>
    /// Symlinks (the usual way to enable a service) and directories older than
    /// a second start at once; a directory just made in place waits until it is
    /// a second old, as runit's own sleep gave it, so its run and down files are there.
    /// </summary>
    private bool Settled(string name, string path, in Libc.Stat st, ref long due)
    {
        if (!Fd.Lstat(path, out Libc.Stat l) || (l.Mode & Libc.S_IFMT) == Libc.S_IFLNK) return true;
        Libc.Timespec real = Clock.Realtime();
        long age = (real.Sec - st.MtimeSec) * 1000 + (real.Nsec - st.MtimeNsec) / 1_000_000;
        long now = Clock.MonotonicMs();
        if (!_settling.TryGetValue(name, out long first)) _settling[name] = first = now;
        if (age >= SettleMs || now - first >= SettleMs)
        {
            _settling.Remove(name);
            return true;
        }
        long at = first + SettleMs;
        if (age >= 0) at = Math.Min(at, now + SettleMs - age);
        due = due == 0 ? at : Math.Min(due, at);
        return false;
    }

    private void ForgetSettling()
    {
        var present = new HashSet<string>(_names);
        List<string>? gone = null;
        foreach (string n in _settling.Keys)
            if (!present.Contains(n)) (gone ??= new()).Add(n);
        if (gone != null) foreach (string n in gone) _settling.Remove(n);
    }

    /// <summary>Starts runsv for <paramref name="s"/> (runsvdir's runsv()); failures are retried a second later.</summary>
    private void Start(Service s)
    {
        s.RetryAtMs = 0;
        // The TERMed runsv of the same directory still holds supervise/lock: start when it is reaped.
        if (_table.OldRunsvAlive(s)) return;
        var o = SpawnOptions.Default;
        o.Chdir = _svdir;
        o.Setsid = _setsid;
        o.SearchPath = true;
        int rc = Spawner.Spawn("runsv", ["runsv", s.Name], o, out int pid);
        long now = Clock.MonotonicMs();
        if (rc == 0)
        {
            _table.SetPid(s, pid);
            s.StartedMs = now;
            return;
        }
        if (rc == Errors.EAGAIN || rc == Errors.ENOMEM) _msg.Warn(rc, "unable to fork for ", s.Name);
        else _msg.StartFailed(rc, s.Name);
        ScheduleRetry(s, now + 1000);
    }

    private void ScheduleRetry(Service s, long at)
    {
        if (s.RetryAtMs == 0) _retry.Add(s);
        s.RetryAtMs = at;
        if (_nextRetry == 0 || at < _nextRetry) _nextRetry = at;
    }

    private void RunRetries(long now)
    {
        _nextRetry = 0;
        for (int i = _retry.Count - 1; i >= 0; i--)
        {
            Service s = _retry[i];
            if (s.RetryAtMs > now && _table.Find(s.Dev, s.Ino) == s && s.Pid == 0)
            {
                if (_nextRetry == 0 || s.RetryAtMs < _nextRetry) _nextRetry = s.RetryAtMs;
                continue;
            }
            _retry[i] = _retry[^1];
            _retry.RemoveAt(_retry.Count - 1);
            if (_table.Find(s.Dev, s.Ino) != s || s.Pid != 0 || s.RetryAtMs == 0) continue;
            s.RetryAtMs = 0;
            Restart(s, now);
        }
    }

    /// <summary>Starts runsv again if the name still leads to the same directory; else a rescan sorts it out.</summary>
    private void Restart(Service s, long now)
    {
        if (Fd.Stat(_svdir + "/" + s.Name, out Libc.Stat st) && st.IsDir && st.Dev == s.Dev && st.Ino == s.Ino)
            Start(s);
        else
            RequestRescan(now);
    }
}
