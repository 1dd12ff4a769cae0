using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Runsv;

internal enum Want : byte { Up, Down, Exit }

/// <summary>
/// One supervised process, the service or its log, with the state runsv
/// keeps for it and the supervise/ files it publishes from that state.
/// </summary>
internal sealed class Service
{
    internal readonly bool IsLog;
    /// <summary>"supervise/" or "log/supervise/", relative to the service dir.</summary>
    internal readonly string Supervise;
    private readonly string _pid, _pidNew, _stat, _statNew, _status, _statusNew;

    internal int Pid;
    internal ServiceState State = ServiceState.Down;
    internal bool Paused, GotTerm;
    internal Want Want = Want.Up;
    internal Tai64n Start;
    internal int WaitStatus;
    /// <summary>Monotonic ms before which ./run must not be started again (the 1 s throttle).</summary>
    internal long NotBefore;
    /// <summary>`o` arrived while down: start once, after the throttle like any start.</summary>
    internal bool OncePending;
    internal bool PidChanged = true;
    /// <summary>The last status write failed (disk full, supervise/ gone): retry on a timer.</summary>
    internal bool StatusDirty;

    internal int FdLock = -1, FdControl = -1, FdControlWrite = -1, FdOk = -1;

    // supervise/info (runnel's rich status): see Supervisor.Ready.cs.
    /// <summary>The notification-fd of the current run, -1 when readiness is not tracked.</summary>
    internal int NotifyFd = -1;
    /// <summary>Pid is ./run (not ./finish): its exit is the run's exit.</summary>
    internal bool RunActive;
    /// <summary>runsv's read end of the current run's readiness pipe, -1 when none.</summary>
    internal int NotifyRead = -1;
    internal long StartNs, ReadyNs, LastExitNs;
    internal ulong Starts;
    internal ExitKind LastExit;
    internal int LastExitValue;
    /// <summary>The last info write failed: retried with the status.</summary>
    internal bool InfoDirty;

    internal Service(bool isLog)
    {
        IsLog = isLog;
        Supervise = isLog ? "log/supervise/" : "supervise/";
        _pid = Supervise + "pid";
        _pidNew = _pid + ".new";
        _stat = Supervise + "stat";
        _statNew = _stat + ".new";
        _status = Supervise + "status";
        _statusNew = _status + ".new";
        Start = Tai64n.Now();
    }

    /// <summary>
    /// Writes pid (when it changed), stat and status, each via .new and rename
    /// as C runsv does. Returns false after warning when a write failed.
    /// </summary>
    internal bool WriteStatus(Action<string, string, int> warn)
    {
        Span<byte> buf = stackalloc byte[64];
        if (PidChanged)
        {
            int n = 0;
            if (Pid != 0)
            {
                ((uint)Pid).TryFormat(buf, out n);
                buf[n++] = (byte)'\n';
            }
            if (!Publish(_pidNew, _pid, buf[..n], "pid.new", warn)) return false;
            PidChanged = false;
        }
        if (!Publish(_statNew, _stat, buf[..FormatStat(buf)], "stat.new", warn)) return false;
        new StatusRecord(Start, Pid, Paused, Want == Want.Up ? 'u' : 'd', GotTerm, State).Encode(buf);
        return Publish(_statusNew, _status, buf[..StatusRecord.Size], "status.new", warn);
    }

    /// <summary>Writes supervise/info via info.new and rename, like the status files. Returns false after warning.</summary>
    internal bool WriteInfo(Action<string, string, int> warn) =>
        Publish(Supervise + "info.new", Supervise + ServiceInfo.FileName,
            System.Text.Encoding.ASCII.GetBytes(Info.Format()), "info.new", warn);

    /// <summary>supervise/info as runsv knows it; pid is that of ./run only (0 while ./finish runs).</summary>
    internal ServiceInfo Info => new(
        RunActive ? Pid : 0, StartNs, Starts == 0 ? 0 : Starts - 1,
        LastExit, LastExitValue, LastExitNs, NotifyFd, ReadyNs);

    /// <summary>supervise/stat: "run", "down" or "finish" and the flags, as C words them.</summary>
    private int FormatStat(Span<byte> b)
    {
        int n = Append(b, 0, State switch
        {
            ServiceState.Run => "run"u8,
            ServiceState.Finish => "finish"u8,
            _ => "down"u8,
        });
        if (Paused) n = Append(b, n, ", paused"u8);
        if (GotTerm) n = Append(b, n, ", got TERM"u8);
        if (State != ServiceState.Down)
        {
            if (Want == Want.Down) n = Append(b, n, ", want down"u8);
            else if (Want == Want.Exit) n = Append(b, n, ", want exit"u8);
        }
        b[n++] = (byte)'\n';
        return n;
    }

    private static int Append(Span<byte> b, int at, ReadOnlySpan<byte> s)
    {
        s.CopyTo(b[at..]);
        return at + s.Length;
    }

    private static bool Publish(string tmp, string final, ReadOnlySpan<byte> data, string shortName,
        Action<string, string, int> warn)
    {
        int fd = Fd.OpenTrunc(tmp);
        if (fd == -1)
        {
            warn("unable to open ", tmp, Libc.Errno);
            return false;
        }
        bool ok = Fd.WriteAll(fd, data);
        int e = Libc.Errno;
        Fd.Close(fd);
        if (!ok)
        {
            warn("unable to write ", tmp, e);
            Libc.unlink(tmp);
            return false;
        }
        if (Libc.rename(tmp, final) == -1)
        {
            warn("unable to rename " + shortName + " to ", final, Libc.Errno);
            return false;
        }
        return true;
    }
}
