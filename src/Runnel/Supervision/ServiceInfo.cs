using System;
using System.Globalization;
using System.Text;
using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Supervision;

/// <summary>How ./run last ended.</summary>
internal enum ExitKind : byte { None = 0, Exit = 1, Signal = 2 }

/// <summary>
/// runnel's rich status, kept by runsv in supervise/info beside runit's
/// status record (C tools ignore the file). Text, one `key=value` a line
/// after the header line `runnel-info 1`; times are unix seconds with nine
/// decimals (realtime). Readers skip keys they do not know, so fields can be
/// added without a new version. runsv writes it via info.new + rename, like status.
/// <code>
/// runnel-info 1
/// pid=1234              pid of ./run, 0 when it is not running
/// start=1764119040.123456789   last start of ./run (0 before the first)
/// restarts=3            starts of ./run since runsv began, minus the first
/// exit=code 1           how ./run last ended: none | code N | signal N
/// exittime=1764119000.5 when it ended (0 for none)
/// notify=3              the service's notification-fd, or none
/// ready=1764119040.4    when the current run signalled readiness, 0 until then
/// </code>
/// </summary>
internal readonly record struct ServiceInfo(
    int Pid,
    long StartNs,
    ulong Restarts,
    ExitKind LastExit,
    int LastExitValue,
    long LastExitNs,
    int NotifyFd,
    long ReadyNs)
{
    internal const string FileName = "info";
    private const string Header = "runnel-info 1";

    /// <summary>Readiness is declared (a notification-fd) and the current run has signalled it.</summary>
    internal bool Ready => NotifyFd >= 0 && ReadyNs != 0;

    /// <summary>Time from start to readiness, or -1 when not ready.</summary>
    internal long ReadyAfterNs => Ready && StartNs != 0 ? ReadyNs - StartNs : -1;

    internal static readonly ServiceInfo Empty = new(0, 0, 0, ExitKind.None, 0, 0, -1, 0);

    internal string Format()
    {
        var b = new StringBuilder(160);
        b.Append(Header).Append('\n');
        b.Append("pid=").Append(Pid).Append('\n');
        b.Append("start=").Append(Seconds(StartNs)).Append('\n');
        b.Append("restarts=").Append(Restarts).Append('\n');
        b.Append("exit=").Append(LastExit switch
        {
            ExitKind.Exit => "code " + LastExitValue,
            ExitKind.Signal => "signal " + LastExitValue,
            _ => "none",
        }).Append('\n');
        b.Append("exittime=").Append(Seconds(LastExitNs)).Append('\n');
        b.Append("notify=").Append(NotifyFd >= 0 ? NotifyFd.ToString() : "none").Append('\n');
        b.Append("ready=").Append(Seconds(ReadyNs)).Append('\n');
        return b.ToString();
    }

    /// <summary>Parses the file's text; false when the header is not runnel-info 1 or a known key is malformed.</summary>
    internal static bool TryParse(string text, out ServiceInfo info)
    {
        info = Empty;
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0] != Header) return false;
        int pid = 0, notify = -1, exitValue = 0;
        long start = 0, exitNs = 0, ready = 0;
        ulong restarts = 0;
        ExitKind exit = ExitKind.None;
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            int eq = line.IndexOf('=');
            if (eq <= 0) continue;
            string v = line[(eq + 1)..];
            bool ok = line[..eq] switch
            {
                "pid" => TryNum(v, out pid),
                "start" => TryNs(v, out start),
                "restarts" => ulong.TryParse(v, NumberStyles.None, null, out restarts),
                "exit" => TryExit(v, out exit, out exitValue),
                "exittime" => TryNs(v, out exitNs),
                "notify" => v == "none" ? (notify = -1) == -1 : TryNum(v, out notify),
                "ready" => TryNs(v, out ready),
                _ => true,
            };
            if (!ok) return false;
        }
        info = new ServiceInfo(pid, start, restarts, exit, exitValue, exitNs, notify, ready);
        return true;
    }

    /// <summary>Reads supervise/info under <paramref name="superviseDir"/>; false when absent or unreadable.</summary>
    internal static bool TryRead(string superviseDir, out ServiceInfo info)
    {
        info = Empty;
        int fd = Fd.Open(ServiceStatus.Under(superviseDir, FileName), Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (fd == -1) return false;
        Span<byte> buf = stackalloc byte[1024];
        nint n = Fd.Read(fd, buf);
        Fd.Close(fd);
        return n > 0 && TryParse(Encoding.ASCII.GetString(buf[..(int)n]), out info);
    }

    internal static long NowNs()
    {
        var ts = Clock.Realtime();
        return ts.Sec * 1_000_000_000L + ts.Nsec;
    }

    private static string Seconds(long ns) =>
        ns == 0 ? "0" : (ns / 1_000_000_000L) + "." + (ns % 1_000_000_000L).ToString("D9");

    private static bool TryNs(string v, out long ns)
    {
        ns = 0;
        int dot = v.IndexOf('.');
        string s = dot < 0 ? v : v[..dot], frac = dot < 0 ? "" : v[(dot + 1)..];
        if (!long.TryParse(s, NumberStyles.None, null, out long sec) || sec > long.MaxValue / 1_000_000_000L - 1 || frac.Length > 9) return false;
        long f = 0;
        if (frac.Length > 0 && !long.TryParse(frac.PadRight(9, '0'), NumberStyles.None, null, out f)) return false;
        ns = sec * 1_000_000_000L + f;
        return true;
    }

    private static bool TryExit(string v, out ExitKind kind, out int value)
    {
        kind = ExitKind.None;
        value = 0;
        if (v == "none") return true;
        if (v.StartsWith("code ", StringComparison.Ordinal)) kind = ExitKind.Exit;
        else if (v.StartsWith("signal ", StringComparison.Ordinal)) kind = ExitKind.Signal;
        else return false;
        return TryNum(v[(v.IndexOf(' ') + 1)..], out value);
    }

    /// <summary>Digits only: no sign, spaces or separators.</summary>
    private static bool TryNum(string v, out int value) => int.TryParse(v, NumberStyles.None, null, out value);
}
