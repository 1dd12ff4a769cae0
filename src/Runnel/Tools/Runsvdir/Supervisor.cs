using System;
using System.Collections.Generic;
using Runnel.Posix;

namespace Runnel.Tools.Runsvdir;

/// <summary>
/// runsvdir's event loop. runit's rule is kept as the safety net: at least
/// every 5 s (every second while something changed) the directory's mtime,
/// inode and device are compared and the directory is rescanned when they
/// differ. On top of it, inotify on the directory rescans within milliseconds,
/// and SIGCHLD (from a signalfd) restarts a dead runsv at once.
/// </summary>
internal sealed unsafe partial class Supervisor
{
    private const int DotIntervalMs = 900_000;

    private readonly string _svdir;
    private readonly bool _setsid;
    private readonly int _max;
    private readonly Messages _msg;
    private readonly ServiceTable _table = new();

    private readonly int _sigfd;
    private int _inotify = -1, _wd = -1;
    private ulong _wDev, _wIno;
    private int _logRead = -1;
    private ProcTitle? _title;

    /// <summary>runit's `check`: rescan at the next check even if the directory looks unchanged.</summary>
    private bool _check = true;
    /// <summary>SIGALRM came: the next scan is a forced one and is recorded (<see cref="RecordForcedRescan"/>).</summary>
    private bool _forced;
    private long _mtimeSec = -1, _mtimeNsec;
    private ulong _dev, _ino;
    private long _stampCheck, _nextDot;

    internal Supervisor(string svdir, bool setsid, int max)
    {
        _svdir = svdir;
        _setsid = setsid;
        _max = max;
        _msg = new Messages(svdir);
        Signals.BlockEverywhere([Libc.SIGTERM, Libc.SIGHUP, Libc.SIGCHLD, Libc.SIGALRM]);
        _sigfd = Signals.OpenSignalFd();
        if (_sigfd == -1) _msg.Fatal(Libc.Errno, "unable to create signalfd");
        _inotify = Libc.inotify_init1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC);
    }

    /// <summary>runit's setup_log: stderr (ours and every runsv's) into a pipe whose bytes scroll through our argv.</summary>
    internal void SetupLog(string log, int argvIndex)
    {
        if (log.Length < 7)
        {
            _msg.Warn3x("log must have at least seven characters.");
            _msg.Warn3x("log service disabled.");
            return;
        }
        ProcTitle? title = ProcTitle.Locate(argvIndex, log);
        if (title == null || !Fd.Pipe(out int r, out int w))
        {
            if (title != null) _msg.Warn3x("unable to create pipe for log.");
            _msg.Warn3x("log service disabled.");
            return;
        }
        if (Libc.dup2(w, 2) == -1)
        {
            Fd.Close(r);
            Fd.Close(w);
            _msg.Warn3x("unable to set filedescriptor for log.");
            _msg.Warn3x("log service disabled.");
            return;
        }
        // fd 2 (not close-on-exec) is the write end every runsv inherits. It stays
        // blocking: runsvdir itself never writes to it (messages go to the title).
        if (w != 2) Fd.Close(w);
        Fd.SetNonblock(r);
        _logRead = r;
        _title = title;
        _msg.Title = title;
        _nextDot = Clock.MonotonicMs() + DotIntervalMs;
    }

    internal void Run()
    {
        _stampCheck = Clock.MonotonicMs();
        for (;;)
        {
            long now = Clock.MonotonicMs();
            if (now >= _stampCheck)
            {
                _stampCheck = now + 1000;
                CheckDir();
                now = Clock.MonotonicMs();
            }
            if (_rescanDue != 0 && now >= _rescanDue)
            {
                Scan();
                now = Clock.MonotonicMs();
            }
            if (_nextRetry != 0 && now >= _nextRetry) RunRetries(now);
            if (_title != null && now >= _nextDot)
            {
                _title.Put("."u8);
                _nextDot = now + DotIntervalMs;
            }
            Wait(Timeout(now));
        }
    }

    private int Timeout(long now)
    {
        long deadline = now + (_check ? 1000 : 5000);
        if (deadline < _stampCheck) deadline = _stampCheck;
        if (_rescanDue != 0) deadline = Math.Min(deadline, _rescanDue);
        if (_nextRetry != 0) deadline = Math.Min(deadline, _nextRetry);
        if (_title != null) deadline = Math.Min(deadline, _nextDot);
        return (int)Math.Max(0, deadline - now);
    }

    /// <summary>runit's periodic check: stat dir, rescan when mtime, inode or device changed (or check is set).</summary>
    private void CheckDir()
    {
        if (!Fd.Stat(_svdir, out Libc.Stat st))
        {
            _msg.Warn(Libc.Errno, "unable to stat ", _svdir);
            return;
        }
        bool changed = st.MtimeSec != _mtimeSec || st.MtimeNsec != _mtimeNsec || st.Ino != _ino || st.Dev != _dev;
        if (!_check && !changed) return;
        _mtimeSec = st.MtimeSec;
        _mtimeNsec = st.MtimeNsec;
        _dev = st.Dev;
        _ino = st.Ino;
        _check = false;
        Watch(st.Dev, st.Ino);
        Scan();
        if (_forced) RecordForcedRescan();
    }

    /// <summary>
    /// Debian's runsvdir: after the scan an ALRM forced, write the moment as a
    /// TAI64N label (25 bytes, no newline) to DIR/.forced-rescan, mode 0644.
    /// dpkg triggers and tests read it to know the rescan happened.
    /// </summary>
    private void RecordForcedRescan()
    {
        _forced = false;
        const string name = "./.forced-rescan";
        Span<byte> label = stackalloc byte[25];
        Supervision.Tai64n.Now().FormatLabel(label);
        int fd = Fd.OpenTrunc(_svdir + "/.forced-rescan");
        if (fd == -1)
        {
            _msg.Warn(Libc.Errno, "unable to open ", name);
            return;
        }
        if (!Fd.WriteAll(fd, label)) _msg.Warn(Libc.Errno, "unable to write ", name);
        Fd.Close(fd);
    }

    /// <summary>Points the inotify watch at the directory dir now names (it may be a symlink that moved).</summary>
    private void Watch(ulong dev, ulong ino)
    {
        if (_inotify == -1 || (_wd != -1 && _wDev == dev && _wIno == ino)) return;
        if (_wd != -1) Libc.inotify_rm_watch(_inotify, _wd);
        const uint mask = Libc.IN_CREATE | Libc.IN_DELETE | Libc.IN_MOVED_FROM | Libc.IN_MOVED_TO |
            Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_ONLYDIR;
        _wd = Libc.inotify_add_watch(_inotify, _svdir, mask);
        _wDev = dev;
        _wIno = ino;
    }

    private void Wait(int timeoutMs)
    {
        Libc.PollFd* fds = stackalloc Libc.PollFd[3];
        int n = 0;
        fds[n++] = new Libc.PollFd { Fd = _sigfd, Events = Libc.POLLIN };
        int inotifyAt = -1, logAt = -1;
        if (_inotify != -1) { inotifyAt = n; fds[n++] = new Libc.PollFd { Fd = _inotify, Events = Libc.POLLIN }; }
        if (_logRead != -1) { logAt = n; fds[n++] = new Libc.PollFd { Fd = _logRead, Events = Libc.POLLIN }; }
        if (Libc.poll(fds, (nuint)n, timeoutMs) <= 0) return;
        if (logAt >= 0 && fds[logAt].Revents != 0) DrainLog();
        if (inotifyAt >= 0 && fds[inotifyAt].Revents != 0) DrainInotify();
        if (fds[0].Revents != 0) HandleSignals();
    }

    private void DrainLog()
    {
        Span<byte> buf = stackalloc byte[4096];
        for (;;)
        {
            nint n = Fd.Read(_logRead, buf);
            if (n <= 0) return;
            _title!.Put(buf[..(int)n]);
        }
    }

    private void DrainInotify()
    {
        byte* buf = stackalloc byte[8192];
        long now = Clock.MonotonicMs();
        for (;;)
        {
            nint n = Libc.read(_inotify, buf, 8192);
            if (n <= 0) return;
            for (nint off = 0; off < n;)
            {
                var ev = (Libc.InotifyEvent*)(buf + off);
                off += sizeof(Libc.InotifyEvent) + (nint)ev->Len;
                if (ev->Wd != _wd && (ev->Mask & Libc.IN_Q_OVERFLOW) == 0) continue;
                if ((ev->Mask & (Libc.IN_IGNORED | Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF)) != 0)
                {
                    // The directory itself went away or moved: let the periodic check look now.
                    if ((ev->Mask & Libc.IN_IGNORED) != 0) _wd = -1;
                    _check = true;
                    _stampCheck = now;
                    continue;
                }
                RequestRescan(now);
            }
        }
    }

    private void HandleSignals()
    {
        for (;;)
        {
            int sig = Signals.Read(_sigfd);
            switch (sig)
            {
                case 0: return;
                case Libc.SIGTERM: Libc._exit(0); break;
                case Libc.SIGHUP: HangUp(); break;
                case Libc.SIGCHLD: Reap(); break;
                case Libc.SIGALRM:
                    // Debian's runsvdir: ALRM forces a rescan (dpkg triggers, update-service and
                    // cpsv send it, via runit). Debian waits for its next 1 s check; runnel scans now.
                    _check = true;
                    _forced = true;
                    _stampCheck = Clock.MonotonicMs();
                    break;
            }
        }
    }

    /// <summary>HUP: TERM to every runsv, then exit 111.</summary>
    private void HangUp()
    {
        foreach (Service s in _table.All)
            if (s.Pid != 0) Libc.kill(s.Pid, Libc.SIGTERM);
        Libc._exit(111);
    }

    private void Reap()
    {
        long now = Clock.MonotonicMs();
        while (Children.TryReap(out int pid, out int status))
        {
            Service? dead = _table.Reaped(pid, out Service? freed);
            if (dead != null)
            {
                _check = true;
                // At once, but a runsv that lived less than a second waits out the rest of it.
                ScheduleRetry(dead, Math.Max(now, dead.StartedMs + 1000));
            }
            if (freed != null && freed.Pid == 0 && freed.Seen) Start(freed);
        }
    }
}
