using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Runsv;

/// <summary>
/// Readiness (s6's convention) and supervise/info. A service dir (or log/)
/// holding `notification-fd` with a number N gets, at each start of ./run, the
/// write end of a fresh pipe as fd N; the first newline on it marks the run
/// ready. The pipe is close-on-exec and dup'ed only into ./run, so ./finish,
/// ./check, control scripts and the other service never hold it. C tools
/// ignore both notification-fd and supervise/info.
/// </summary>
internal sealed unsafe partial class Supervisor
{
    /// <summary>The readiness pipe for a run about to start: write end and the fd it must become, or (-1, -1).</summary>
    private (int Write, int To) OpenNotify(Service s)
    {
        CloseNotify(s);
        s.NotifyFd = ReadNotificationFd(s.IsLog ? "log/notification-fd" : "notification-fd");
        if (s.NotifyFd < 0) return (-1, -1);
        if (!Fd.Pipe(out int r, out int w))
        {
            Report.Warn("unable to create notification pipe", Libc.Errno);
            s.NotifyFd = -1;
            return (-1, -1);
        }
        if (w == s.NotifyFd)
        {
            // dup2(N, N) would leave close-on-exec set on older libcs: move it out of the way.
            int moved = Libc.fcntl(w, Libc.F_DUPFD_CLOEXEC, w + 1);
            Fd.Close(w);
            if (moved == -1)
            {
                Report.Warn("unable to create notification pipe", Libc.Errno);
                Fd.Close(r);
                s.NotifyFd = -1;
                return (-1, -1);
            }
            w = moved;
        }
        Fd.SetNonblock(r);
        s.NotifyRead = r;
        return (w, s.NotifyFd);
    }

    /// <summary>
    /// N from notification-fd (decimal up to the first newline, as s6 reads it), or
    /// -1 when there is none or it is unusable (warned: the service then runs
    /// without readiness). N must not clobber 0/1/2 and must be below the fd limit.
    /// </summary>
    private static int ReadNotificationFd(string path)
    {
        Span<byte> buf = stackalloc byte[24];
        int n = Fd.ReadFile(path, buf);
        if (n == -1)
        {
            int e = Libc.Errno;
            if (e != Errors.ENOENT) Report.Warn2("unable to read ", path, e);
            return -1;
        }
        // As s6-supervise: the digits up to the first newline, nothing else.
        int len = buf[..n].IndexOf((byte)'\n');
        if (len < 0) len = n;
        long v = 0;
        bool ok = len > 0 && len < buf.Length;
        for (int i = 0; ok && i < len; i++)
        {
            ok = buf[i] >= '0' && buf[i] <= '9' && v <= int.MaxValue;
            v = v * 10 + (buf[i] - '0');
        }
        long limit = FdLimit();
        if (ok && v >= 3 && v < limit) return (int)v;
        Report.WarnX("ignoring ", path, ": not a number from 3 to " + (limit - 1) + ", readiness not tracked");
        return -1;
    }

    /// <summary>The soft RLIMIT_NOFILE ./run inherits: dup2 to N at or above it fails.</summary>
    private static long FdLimit()
    {
        Libc.Rlimit rl;
        if (Libc.getrlimit(Libc.RLIMIT_NOFILE, &rl) == -1) return 1024;
        return rl.Cur > int.MaxValue ? int.MaxValue : (long)rl.Cur;
    }

    /// <summary>Data on the readiness pipe: a newline marks the run ready; EOF without one, never.</summary>
    private void DrainNotify(Service s)
    {
        if (s.NotifyRead < 0) return;
        Span<byte> buf = stackalloc byte[64];
        for (;;)
        {
            nint n = Fd.Read(s.NotifyRead, buf);
            if (n < 0 && Libc.Errno == Errors.EAGAIN) return;
            if (n <= 0) break;
            if (buf[..(int)n].IndexOf((byte)'\n') >= 0)
            {
                s.ReadyNs = ServiceInfo.NowNs();
                UpdateInfo(s);
                break;
            }
        }
        CloseNotify(s);
    }

    private static void CloseNotify(Service s)
    {
        Fd.Close(s.NotifyRead);
        s.NotifyRead = -1;
    }

    /// <summary>./run was started (pid 0: it could not be): a new run, not ready yet.</summary>
    private static void RunStarted(Service s)
    {
        s.Starts++;
        s.StartNs = ServiceInfo.NowNs();
        s.ReadyNs = 0;
    }

    /// <summary>./run ended with wait status <paramref name="status"/>.</summary>
    private void RunEnded(Service s, int status)
    {
        CloseNotify(s);
        bool signalled = (status & 0x7f) != 0;
        s.LastExit = signalled ? ExitKind.Signal : ExitKind.Exit;
        s.LastExitValue = signalled ? status & 0x7f : (status >> 8) & 0xff;
        s.LastExitNs = ServiceInfo.NowNs();
    }

    /// <summary>Writes supervise/info; a failure is warned and retried with the status, never fatal.</summary>
    internal void UpdateInfo(Service s)
    {
        s.InfoDirty = !s.WriteInfo(WarnWrite);
    }
}
