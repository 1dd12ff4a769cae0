using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Runsv;

/// <summary>
/// runsv's event loop: one poll over the signalfd and the control FIFOs,
/// with deadlines for throttled starts and retries. Unlike C runsv it handles
/// every pending control byte at once and never sleeps: the 1 s restart
/// throttle is a deadline, so commands are obeyed during it.
/// </summary>
internal sealed unsafe partial class Supervisor
{
    private const int RestartDelayMs = 1000;
    private const int StatusRetryMs = 1000;

    private readonly Service _svc = new(isLog: false);
    private readonly Service? _log;
    private int _logRead = -1, _logWrite = -1;
    private int _sigFd = -1;
    private bool _sigterm;

    internal Supervisor(bool hasLog, bool svcDown, bool logDown)
    {
        if (svcDown) _svc.Want = Want.Down;
        if (hasLog)
        {
            _log = new Service(isLog: true);
            if (logDown) _log.Want = Want.Down;
        }
    }

    internal Service Main => _svc;
    internal Service? Log => _log;

    internal void OpenLogPipe()
    {
        if (!Fd.Pipe(out _logRead, out _logWrite)) Report.Fatal("unable to create log pipe", Libc.Errno);
    }

    internal void OpenSignalFd()
    {
        _sigFd = Signals.OpenSignalFd();
        if (_sigFd == -1) Report.Fatal("unable to create selfpipe", Libc.Errno);
    }

    internal void Run()
    {
        Libc.PollFd* fds = stackalloc Libc.PollFd[5];
        for (;;)
        {
            long now = Clock.MonotonicMs();
            if (_log != null && WantsStart(_log) && now >= _log.NotBefore) StartService(_log);
            if (WantsStart(_svc) && now >= _svc.NotBefore) StartService(_svc);

            int n = 0;
            fds[n++] = new Libc.PollFd { Fd = _sigFd, Events = Libc.POLLIN };
            fds[n++] = new Libc.PollFd { Fd = _svc.FdControl, Events = Libc.POLLIN };
            fds[n++] = new Libc.PollFd { Fd = _log?.FdControl ?? -1, Events = Libc.POLLIN };
            fds[n++] = new Libc.PollFd { Fd = _svc.NotifyRead, Events = Libc.POLLIN };
            fds[n++] = new Libc.PollFd { Fd = _log?.NotifyRead ?? -1, Events = Libc.POLLIN };
            Libc.poll(fds, (nuint)n, Timeout(Clock.MonotonicMs()));

            // Readiness before exits: a run that signalled and then died was ready.
            if (fds[3].Revents != 0) DrainNotify(_svc);
            if (fds[4].Revents != 0 && _log != null) DrainNotify(_log);
            if ((fds[0].Revents & Libc.POLLIN) != 0) DrainSignals();
            DrainControl(_svc);
            if (_log != null) DrainControl(_log);
            if (_sigterm)
            {
                Control(_svc, (byte)'x');
                _sigterm = false;
            }
            RetryStatus(_svc);
            if (_log != null) RetryStatus(_log);
            CheckSupervise(Clock.MonotonicMs());
            CheckExit();
        }
    }

    /// <summary>Milliseconds until the next throttled start, status retry or supervise/ check.</summary>
    private int Timeout(long now)
    {
        long next = _nextSuperviseCheck;
        if (WantsStart(_svc)) next = Math.Min(next, _svc.NotBefore);
        if (_log != null && WantsStart(_log)) next = Math.Min(next, _log.NotBefore);
        if (Dirty(_svc) || (_log != null && Dirty(_log))) next = Math.Min(next, now + StatusRetryMs);
        return (int)Math.Clamp(next - now, 0, int.MaxValue);
    }

    private static bool WantsStart(Service s) =>
        s.Pid == 0 && (s.Want == Want.Up || s.State == ServiceState.Finish || s.OncePending);

    private void DrainSignals()
    {
        int sig;
        while ((sig = Signals.Read(_sigFd)) != 0)
        {
            if (sig == Libc.SIGTERM) _sigterm = true;
        }
        ReapChildren();
    }

    private void ReapChildren()
    {
        while (Children.TryReap(out int pid, out int status))
        {
            if (pid == _svc.Pid) ServiceExited(_svc, status);
            else if (_log != null && pid == _log.Pid) ServiceExited(_log, status);
        }
    }

    /// <summary>
    /// ./run or ./finish is gone: go to finish if there is one, else down,
    /// throttling a restart of a ./run that lasted less than a second.
    /// </summary>
    private void ServiceExited(Service s, int status)
    {
        bool runEnded = s.RunActive;
        s.RunActive = false;
        s.Pid = 0;
        s.PidChanged = true;
        s.WaitStatus = status;
        s.GotTerm = false;
        if (runEnded)
        {
            RunEnded(s, status);
            UpdateInfo(s);
        }
        if (!s.IsLog && s.State != ServiceState.Finish && HasFinish())
        {
            s.State = ServiceState.Finish;
            UpdateStatus(s);
            return;
        }
        s.State = ServiceState.Down;
        Tai64n started = s.Start;
        s.Start = Tai64n.Now();
        UpdateStatus(s);
        // C compares wall-clock TAI stamps and then sleeps a whole second.
        bool quick = s.Start.Seconds < started.Seconds + 1
            || (s.Start.Seconds == started.Seconds + 1 && s.Start.Nanoseconds < started.Nanoseconds);
        s.NotBefore = quick ? Clock.MonotonicMs() + RestartDelayMs : 0;
    }

    private static bool HasFinish()
    {
        int fd = Fd.OpenRead("finish");
        if (fd == -1) return false;
        Fd.Close(fd);
        return true;
    }

    private void DrainControl(Service s)
    {
        Span<byte> buf = stackalloc byte[256];
        for (;;)
        {
            if (s.FdControl < 0) return;
            nint n = Fd.Read(s.FdControl, buf);
            if (n <= 0) return;
            for (int i = 0; i < n; i++) Control(s, buf[i]);
        }
    }

    private void CheckExit()
    {
        if (_svc.Want != Want.Exit || _svc.State != ServiceState.Down) return;
        if (_log == null || _log.Pid == 0)
        {
            Libc._exit(0);
            return;
        }
        if (_log.Want != Want.Exit)
        {
            _log.Want = Want.Exit;
            UpdateStatus(_log);
            // EOF on its stdin tells the logger to finish and exit.
            CloseLogPipe();
        }
    }

    private void CloseLogPipe()
    {
        if (Libc.close(_logWrite) == -1) Report.Warn("unable to close logpipe[1]", Libc.Errno);
        if (Libc.close(_logRead) == -1) Report.Warn("unable to close logpipe[0]", Libc.Errno);
        _logRead = _logWrite = -1;
    }

    internal void UpdateStatus(Service s)
    {
        s.StatusDirty = !s.WriteStatus(WarnWrite);
    }

    private static void WarnWrite(string m1, string m2, int errno) => Report.Warn2(m1, m2, errno);

    private static bool Dirty(Service s) => s.StatusDirty || s.InfoDirty;

    private void RetryStatus(Service s)
    {
        if (!Dirty(s)) return;
        if (!SuperviseExists(s)) RecreateSupervise(s);
        else
        {
            if (s.StatusDirty) UpdateStatus(s);
            if (s.InfoDirty) UpdateInfo(s);
        }
    }

}
