using System;
using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// svlogd: reads standard input and appends its lines to rotated logs. One
/// poll loop over stdin and a signalfd (TERM, CHLD, ALRM, HUP); input is read
/// in large chunks and each log is written once per chunk.
/// </summary>
internal static class SvlogdTool
{
    private static readonly int[] s_signals = [Libc.SIGTERM, Libc.SIGCHLD, Libc.SIGALRM, Libc.SIGHUP];

    internal static int Run(string argv0, string[] args)
    {
        Options? o = Options.Parse(argv0, args);
        if (o == null) return 111;
        Signals.BlockEverywhere(s_signals);
        int sigfd = Signals.OpenSignalFd();
        if (sigfd == -1) Strerr.DieSys(111, Libc.Errno, Msg.Fatal, "unable to create signalfd: ");
        var logger = new Logger(o);
        ReopenAll(logger);
        Fd.SetNonblock(0);
        new Loop(o, logger, sigfd, new Input()).Run();
        foreach (LogDir d in logger.Dirs)
        {
            d.WaitProcessor();
            d.Close();
        }
        return 0;
    }

    internal static void ReopenAll(Logger logger)
    {
        bool ok = false;
        foreach (LogDir d in logger.Dirs)
        {
            d.Close();
            if (d.Open()) ok = true;
        }
        if (!ok) Strerr.Die(111, Msg.Fatal, "no functional log directories.");
    }
}

/// <summary>The event loop: signals first, then timed rotations, then input.</summary>
internal sealed unsafe class Loop(Options o, Logger logger, int sigfd, Input input)
{
    // Only an incomplete line (< linemax bytes) stays in the buffer between reads.
    private readonly byte[] _in = GC.AllocateUninitializedArray<byte>(Math.Max(256 * 1024, o.LineMax + 1));
    private int _have;
    private bool _exit;
    private const int StallFirstMs = 5, StallMaxMs = 1000;
    private int _stallMs = StallFirstMs;

    internal void Run()
    {
        Libc.PollFd* p = stackalloc Libc.PollFd[2];
        while (!_exit)
        {
            HandleSignals();
            if (_exit) break;
            RotateDue();
            bool stalled = input.Stalled;
            p[0] = new Libc.PollFd { Fd = 0, Events = stalled ? (short)0 : Libc.POLLIN };
            p[1] = new Libc.PollFd { Fd = sigfd, Events = Libc.POLLIN };
            int timeout = Timeout();
            if (stalled) timeout = timeout < 0 ? _stallMs : Math.Min(timeout, _stallMs);
            int ready = Libc.poll(p, 2, timeout);
            if (stalled)
            {
                // Re-read after the delay (or at hang-up); back off while only the held line is there.
                bool hangup = (p[0].Revents & (Libc.POLLHUP | Libc.POLLERR)) != 0;
                if (p[1].Revents != 0 && !hangup && ready > 0) continue;
                ReadInput();
                if (!input.Stalled) _stallMs = StallFirstMs;
                else if (hangup) _exit = true;
                else _stallMs = Math.Min(_stallMs * 2, StallMaxMs);
                continue;
            }
            if (ready <= 0) continue;
            if (p[0].Revents != 0) ReadInput();
        }
        logger.Finish(_in.AsSpan(0, _have));
        _have = 0;
        logger.FlushAll();
        input.Commit(0);
    }

    private void ReadInput()
    {
        // Keep reading while data is there: one poll per burst, not per read.
        for (int rounds = 0; rounds < 64; rounds++)
        {
            nint n = input.Read(_in, _have);
            if (n < 0)
            {
                if (Libc.Errno == Errors.EAGAIN) break;
                Strerr.WarnSys(Libc.Errno, Msg.Warning, "unable to read standard input: ");
                _exit = true;
                break;
            }
            if (n == 0) { _exit = true; break; }
            _have += (int)n;
            int used = logger.Process(_in.AsSpan(0, _have));
            _in.AsSpan(used, _have - used).CopyTo(_in);
            _have -= used;
            logger.FlushAll();
            input.Commit(_have);
        }
    }

    private void HandleSignals()
    {
        int sig;
        while ((sig = Signals.Read(sigfd)) != 0)
        {
            switch (sig)
            {
                case Libc.SIGTERM:
                    if (o.Verbose > 0) Msg.Info("sigterm received.");
                    _exit = true;
                    break;
                case Libc.SIGCHLD:
                    if (o.Verbose > 0) Msg.Info("sigchild received.");
                    Reap();
                    break;
                case Libc.SIGALRM:
                    if (o.Verbose > 0) Msg.Info("sigalarm received.");
                    foreach (LogDir d in logger.Dirs) d.Rotate();
                    break;
                case Libc.SIGHUP:
                    if (o.Verbose > 0) Msg.Info("sighangup received.");
                    logger.FlushAll();
                    SvlogdTool.ReopenAll(logger);
                    break;
            }
        }
    }

    private void Reap()
    {
        while (Children.TryReap(out int pid, out int status))
            foreach (LogDir d in logger.Dirs)
                if (d.Ppid == pid)
                {
                    d.Ppid = 0;
                    d.ProcessorDone(status);
                    break;
                }
    }

    private void RotateDue()
    {
        long now = Clock.MonotonicMs();
        foreach (LogDir d in logger.Dirs)
            if (d.IsOpen && d.Config.TMax != 0 && d.RotateDueMs < now) d.Rotate();
    }

    /// <summary>Milliseconds until the next timed rotation; -1 = none.</summary>
    private int Timeout()
    {
        long due = long.MaxValue;
        foreach (LogDir d in logger.Dirs)
            if (d.IsOpen && d.Config.TMax != 0) due = Math.Min(due, d.RotateDueMs);
        if (due == long.MaxValue) return -1;
        long ms = due - Clock.MonotonicMs() + 1;
        return ms < 0 ? 0 : ms > int.MaxValue ? int.MaxValue : (int)ms;
    }
}
