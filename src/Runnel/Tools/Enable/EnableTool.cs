using System;
using Runnel.Common;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Enable;

/// <summary>
/// `runnel enable [-w sec] service ...` and `runnel disable [-w sec] service ...`:
/// Debian's update-service --add/--remove with its checks, plus waiting until
/// runsvdir has started the runsv (enable) and stopping the service cleanly
/// before its link goes (disable). Exit: 0 done, 1 a service refused or timed
/// out, 100 usage, 111 a system error.
/// </summary>
internal static class EnableTool
{
    /// <summary>Overrides /etc/sv, where definitions named by a bare NAME live.</summary>
    internal const string DefsEnv = "RUNNEL_SVDEFS";
    private const int RecheckMs = 100;

    internal static int Run(string argv0, string[] args)
    {
        bool enable = Program.Basename(argv0) == "enable";
        var c = new Ctx(enable ? "runnel enable" : "runnel disable", ServiceDirs.Services(), Defs());
        int i = ParseOptions(c, args);
        if (i < 0 || i >= args.Length) return Usage(c.Prog);
        int rc = 0;
        for (; i < args.Length; i++)
        {
            int r = enable ? Enabler.Enable(c, args[i]) : Disabler.Disable(c, args[i]);
            rc = Math.Max(rc, r);
        }
        return rc;
    }

    private static int ParseOptions(Ctx c, string[] args)
    {
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") return i + 1;
            if (a.Length < 2 || a[0] != '-') return i;
            if (a[1] != 'w') { Strerr.Warn(c.Prog, ": illegal option -- ", a[1].ToString()); return -1; }
            string? v = a.Length > 2 ? a[2..] : i + 1 < args.Length ? args[++i] : null;
            if (v == null || v.Length == 0 || Scan.ULong(v, out ulong s) != v.Length || s > 86400 * 365)
            {
                Strerr.Warn(c.Prog, ": option -w needs seconds");
                return -1;
            }
            c.WaitMs = (long)s * 1000;
        }
        return i;
    }

    private static string Defs()
    {
        string d = Environment.GetEnvironmentVariable(DefsEnv) is { Length: > 0 } e ? e : "/etc/sv";
        return Absolute(d.TrimEnd('/'));
    }

    /// <summary>Links are made absolute: runsvdir and sv may look at them from anywhere.</summary>
    internal static string Absolute(string path) =>
        path.StartsWith('/') ? path : ServiceStatus.Under(Environment.CurrentDirectory, path);

    private static int Usage(string prog)
    {
        Strerr.Warn("usage: ", prog, " [-w sec] service ...\n");
        return 100;
    }

    /// <summary>
    /// Waits up to the -w time for <paramref name="done"/>, waking on what runsv
    /// changes in <paramref name="dir"/>, its supervise/ and log/supervise/
    /// (inotify); a FIFO gaining or losing a reader raises no event, so the
    /// condition is also looked at every <see cref="RecheckMs"/>.
    /// </summary>
    internal static bool WaitFor(Ctx c, string dir, Func<bool> done)
    {
        using var watch = new SuperviseWatch();
        long end = Clock.MonotonicMs() + c.WaitMs;
        while (true)
        {
            // Added again each round: supervise/ may appear (enable) or be replaced only now.
            watch.Add(dir);
            watch.Add(ServiceStatus.Under(dir, "supervise"));
            watch.Add(ServiceStatus.Under(dir, "log/supervise"));
            if (done()) return true;
            long left = end - Clock.MonotonicMs();
            if (left <= 0) return false;
            watch.Wait((int)Math.Min(left, RecheckMs));
        }
    }
}

/// <summary>One run's settings and its messages, worded as runit's tools word them.</summary>
internal sealed class Ctx(string prog, string svdir, string defs)
{
    internal string Prog { get; } = prog;
    internal string Svdir { get; } = svdir;
    internal string Defs { get; } = defs;
    /// <summary>-w: how long to wait for runsv (enable) or for the service to stop (disable); sv's 7 s by default.</summary>
    internal long WaitMs { get; set; } = 7000;

    internal static int Ok(string name, string what)
    {
        Strerr.WriteString(1, "ok: " + name + ": " + what + "\n");
        return 0;
    }

    /// <summary>A service refused (exit 1).</summary>
    internal int Fail(string name, string what)
    {
        Strerr.Warn(Prog, ": fail: ", name, ": ", what);
        return 1;
    }

    /// <summary>Done, but not all of it in time (exit 1).</summary>
    internal int Warning(string name, string what)
    {
        Strerr.Warn(Prog, ": warning: ", name, ": ", what);
        return 1;
    }

    /// <summary>A system call failed (exit 111).</summary>
    internal int Fatal(string name, string what, int errno)
    {
        Strerr.WarnSys(errno, Prog, ": fatal: ", name, ": ", what, ": ");
        return 111;
    }
}
