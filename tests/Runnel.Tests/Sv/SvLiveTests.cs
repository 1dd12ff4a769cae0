using System;
using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// runnel sv and C sv driving a real runsv, C's and runnel's: the same
/// commands from the same state give the same output (pids and seconds
/// normalised). The "runnel" rows need runnel's runsv.
/// </summary>
public sealed class SvLiveTests
{
    public static TheoryData<string> Runsvs => new() { "c", "runnel" };

    /// <summary>Runs <paramref name="args"/> with C sv, then with runnel sv, each after <paramref name="reset"/>.</summary>
    private static CmdResult Both(LiveService s, Action reset, params string[] args)
    {
        string cwd = Path.GetDirectoryName(s.Dir)!;
        reset();
        var c = SvRun.Run(SvImpl.C, cwd, cwd, args);
        reset();
        var r = SvRun.Run(SvImpl.Runnel, cwd, cwd, args);
        Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        return r;
    }

    [Theory, MemberData(nameof(Runsvs))]
    public void StatusUpAndDown(string runsv)
    {
        using var t = new TempDir("sv-live");
        using var s = new LiveService(runsv, t["web"]);
        var r = Both(s, () => { }, "status", "web");
        Assert.Matches(@"^run: web: \(pid \d+\) \d+s; run: log: \(pid \d+\) \d+s\n$", r.Stdout);
        r = Both(s, s.ResetUp, "-v", "down", "web");
        Assert.Matches(@"^ok: down: web: \d+s, normally up\n$", r.Stdout);
        r = Both(s, () => { }, "status", "web");
        Assert.Matches(@"^down: web: \d+s, normally up; run: log: \(pid \d+\) \d+s\n$", r.Stdout);
        r = Both(s, s.ResetDown, "-v", "up", "web");
        Assert.Matches(@"^ok: run: web: \(pid \d+\) \d+s\n$", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Theory, MemberData(nameof(Runsvs))]
    public void LsbStartStopRestart(string runsv)
    {
        using var t = new TempDir("sv-live");
        using var s = new LiveService(runsv, t["db"], down: true);
        var r = Both(s, s.ResetDown, "start", "db");
        Assert.Matches(@"^ok: run: db: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
        r = Both(s, s.ResetUp, "stop", "db");
        Assert.Matches(@"^ok: down: db: \d+s\n$", r.Stdout);
        r = Both(s, s.ResetUp, "restart", "db");
        Assert.Matches(@"^ok: run: db: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
        r = Both(s, s.ResetUp, "force-restart", "db");
        Assert.Equal(0, r.ExitCode);
        r = Both(s, s.ResetUp, "try-restart", "db");
        Assert.Equal(0, r.ExitCode);
    }

    [Theory, MemberData(nameof(Runsvs))]
    public void PauseContOnceHup(string runsv)
    {
        using var t = new TempDir("sv-live");
        // The service ignores HUP, so hup leaves it running for the next command.
        using var s = new LiveService(runsv, t["app"], log: false, run: "trap '' HUP; exec sleep 1000");
        var r = Both(s, s.ResetUp, "-v", "pause", "app");
        Assert.Matches(@"^ok: run: app: \(pid \d+\) \d+s, paused\n$", r.Stdout);
        r = Both(s, () => s.Control("p"), "-v", "cont", "app");
        Assert.Matches(@"^ok: run: app: \(pid \d+\) \d+s\n$", r.Stdout);
        r = Both(s, s.ResetDown, "-v", "once", "app");
        Assert.Matches(@"^ok: run: app: \(pid \d+\) \d+s, want down\n$", r.Stdout);
        r = Both(s, s.ResetUp, "-v", "hup", "app");
        Assert.Equal(0, r.ExitCode);
    }

    [Theory, MemberData(nameof(Runsvs))]
    public void ForceStopKillsWhatIgnoresTerm(string runsv)
    {
        using var t = new TempDir("sv-live");
        using var s = new LiveService(runsv, t["stubborn"], log: false, run: "trap '' TERM; exec sleep 1000");
        // Up, and the process in the record really ignores TERM (under load a
        // record can name a process that is gone or not yet past its trap).
        void Reset()
        {
            s.ResetUp();
            Wait.Until(() => s.Read(out var rec) && rec.Pid > 0 && IgnoresTerm(rec.Pid), "service ignoring TERM");
        }
        var r = Both(s, Reset, "-w", "1", "force-stop", "stubborn");
        Assert.Matches(@"^kill: run: stubborn: \(pid \d+\) \d+s, want down, got TERM\n$", r.Stdout);
        Assert.Equal(1, r.ExitCode);
        s.WaitState(ServiceState.Down);
        r = Both(s, Reset, "-w", "1", "stop", "stubborn");
        Assert.Matches(@"^timeout: run: stubborn: \(pid \d+\) \d+s, want down, got TERM\n$", r.Stdout);
    }

    private static bool IgnoresTerm(int pid)
    {
        try
        {
            foreach (string line in File.ReadAllLines($"/proc/{pid}/status"))
                if (line.StartsWith("SigIgn:"))
                    return (Convert.ToUInt64(line[7..].Trim(), 16) & (1UL << 14)) != 0;
        }
        catch (IOException) { }
        return false;
    }

    [Theory, MemberData(nameof(Runsvs))]
    public void CheckScript(string runsv)
    {
        using var t = new TempDir("sv-live");
        using var s = new LiveService(runsv, t["api"], down: true, log: false, check: "test -e ready");
        var r = Both(s, s.ResetDown, "-w", "1", "start", "api");
        Assert.Matches(@"^timeout: run: api: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
        File.WriteAllText(t["api/ready"], "");
        r = Both(s, s.ResetDown, "-w", "3", "start", "api");
        Assert.Matches(@"^ok: run: api: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
    }

    [Theory, MemberData(nameof(Runsvs))]
    public async System.Threading.Tasks.Task CheckWaitsForTheRequestedState(string runsv)
    {
        using var t = new TempDir("sv-live");
        using var s = new LiveService(runsv, t["q"], log: false);
        // Up and wanted up, down and wanted down: both are fine at once.
        var r = Both(s, s.ResetUp, "check", "q");
        Assert.Matches(@"^ok: run: q: \(pid \d+\) \d+s\n$", r.Stdout);
        r = Both(s, s.ResetDown, "check", "q");
        Assert.Matches(@"^ok: down: q: \d+s, normally up\n$", r.Stdout);
        // Up but ./check says not yet: check waits for it.
        s.ResetUp();
        File.WriteAllText(t["q/check"], "#!/bin/sh\ntouch tried\ntest -e ready\n");
        File.SetUnixFileMode(t["q/check"], (UnixFileMode)0b111_101_101);
        var sv = System.Threading.Tasks.Task.Run(() => SvRun.Run(SvImpl.Runnel, t.Path, t.Path, "-w", "10", "check", "q"));
        Wait.Until(() => File.Exists(t["q/tried"]), "./check to run");
        File.WriteAllText(t["q/ready"], "");
        r = await sv;
        Assert.Matches(@"^ok: run: q: \(pid \d+\) \d+s\n$", r.Stdout);
    }
    [Theory, MemberData(nameof(Runsvs))]
    public void ExitEndsRunsv(string runsv)
    {
        using var t = new TempDir("sv-live");
        using var s = new LiveService(runsv, t["bye"]);
        var r = SvRun.Run(SvImpl.Runnel, t.Path, t.Path, "-w", "5", "shutdown", "bye");
        Assert.Equal("ok: bye: runsv not running\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
        r = SvRun.Run(SvImpl.Runnel, t.Path, t.Path, "status", "bye");
        Assert.Equal("fail: bye: runsv not running\n", r.Stdout);
    }

    [Theory, MemberData(nameof(Runsvs))]
    public void TrailingSlashWhileWaiting(string runsv)
    {
        // C looks "bye/" up in $SVDIR in its wait loop (a bug: the first
        // pass treats it as a path); runnel uses one rule for both.
        using var t = new TempDir("sv-live");
        using var s = new LiveService(runsv, t["slash"], log: false);
        s.ResetUp();
        var r = SvRun.Run(SvImpl.Runnel, t.Path, "/nonexistent", "-w", "5", "-v", "down", "slash/");
        Assert.Matches(@"^ok: down: slash/: \d+s, normally up\n$", r.Stdout);
    }
}
