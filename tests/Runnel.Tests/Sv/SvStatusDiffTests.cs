using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// `sv status` on hand-made supervise/ directories: runnel's output and exit
/// code must equal Debian's C sv byte for byte (seconds normalised).
/// </summary>
public sealed class SvStatusDiffTests
{
    private static (CmdResult c, CmdResult r) Both(string cwd, string? svdir, params string[] args)
    {
        var c = SvRun.Run(SvImpl.C, cwd, svdir, args);
        var r = SvRun.Run(SvImpl.Runnel, cwd, svdir, args);
        Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        return (c, r);
    }

    private static FakeService Svc(TempDir t, string name, ServiceState state, int pid, char want = 'u',
        bool paused = false, bool term = false)
    {
        var f = new FakeService(t[name]);
        f.SetStatus(state, pid, want, paused, term);
        return f;
    }

    [Fact]
    public void RunningWithLog()
    {
        using var t = new TempDir("sv-status");
        using var s = Svc(t, "svc", ServiceState.Run, 4242);
        using var l = Svc(t, "svc/log", ServiceState.Run, 4243);
        var (_, r) = Both(t.Path, t.Path, "status", "svc");
        Assert.Matches(@"^run: svc: \(pid 4242\) \d+s; run: log: \(pid 4243\) \d+s\n$", r.Stdout);
        Assert.Equal("", r.Stderr);
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    [InlineData(0, 0, 'u', false, false, false)]
    [InlineData(0, 0, 'd', false, false, true)]
    [InlineData(1, 77, 'd', true, true, false)]
    [InlineData(1, 77, 'u', true, false, true)]
    [InlineData(2, 78, 'd', false, true, false)]
    [InlineData(2, 78, 'u', false, false, true)]
    [InlineData(7, 79, 'u', false, false, false)]
    [InlineData(0, 80, 'x', true, true, false)]
    [InlineData(1, -5, 'u', false, false, false)]
    public void FlagsAndStates(int state, int pid, char want, bool paused, bool term, bool downFile)
    {
        using var t = new TempDir("sv-status");
        using var s = Svc(t, "svc", (ServiceState)state, pid, want, paused, term);
        if (downFile) File.WriteAllText(t["svc/down"], "");
        Both(t.Path, t.Path, "status", "svc");
        Both(t.Path, t.Path, "s", "./svc");
    }

    [Fact]
    public void TimestampInTheFutureIsZeroSeconds()
    {
        using var t = new TempDir("sv-status");
        using var s = Svc(t, "svc", ServiceState.Run, 9);
        s.SetStatus(ServiceState.Run, 9, agoSeconds: -1000);
        var (c, r) = Both(t.Path, t.Path, "status", "svc");
        Assert.Equal(c.Stdout, r.Stdout);
        Assert.Equal("run: svc: (pid 9) 0s\n", r.Stdout);
    }

    [Fact]
    public void LogQuirks()
    {
        using var t = new TempDir("sv-status");
        // log/ without supervise/: C warns, then prints the service's record again as the log's.
        using var a = Svc(t, "a", ServiceState.Run, 11);
        Directory.CreateDirectory(t["a/log"]);
        var (_, r) = Both(t.Path, t.Path, "status", "a");
        Assert.Matches(@"^run: a: \(pid 11\) \d+s; warning: a/log: unable to open supervise/ok: file does not exist\nrun: log: \(pid 11\) \d+s\n$", r.Stdout);
        Assert.Equal(1, r.ExitCode);
        // log is a file.
        using var b = Svc(t, "b", ServiceState.Run, 12);
        File.WriteAllText(t["b/log"], "");
        (_, r) = Both(t.Path, t.Path, "status", "b");
        Assert.Matches(@"; warning: b/log: unable to change directory: not a directory\n$", r.Stdout);
        // the log's runsv is not there.
        using var c = Svc(t, "c", ServiceState.Run, 13);
        using var cl = new FakeService(t["c/log"], running: false);
        (_, r) = Both(t.Path, t.Path, "status", "c");
        Assert.Matches(@"; fail: c/log: runsv not running\n$", r.Stdout);
    }

    [Fact]
    public void Failures()
    {
        using var t = new TempDir("sv-status");
        using var notRunning = new FakeService(t["nr"], running: false);
        Directory.CreateDirectory(t["nosup"]);
        using var bad = new FakeService(t["bad"]);
        bad.SetStatusBytes(new byte[10]);
        using var missing = new FakeService(t["missing"]);
        File.WriteAllText(t["file"], "");
        var (_, r) = Both(t.Path, t.Path, "status", "nr", "nosup", "bad", "missing", "file", "nowhere", "", "./nowhere/");
        Assert.Equal(
            "fail: nr: runsv not running\n" +
            "warning: nosup: unable to open supervise/ok: file does not exist\n" +
            "warning: bad: unable to read supervise/status: bad format\n" +
            "warning: missing: unable to open supervise/status: file does not exist\n" +
            "fail: file: unable to change to service directory: not a directory\n" +
            "fail: nowhere: unable to change to service directory: file does not exist\n" +
            "fail: : unable to change to service directory: file does not exist\n" +
            "fail: ./nowhere/: unable to change to service directory: file does not exist\n", r.Stdout);
        Assert.Equal(8, r.ExitCode);
    }

    [Fact]
    public void DownFileUnreadable()
    {
        using var t = new TempDir("sv-status");
        using var s = Svc(t, "svc", ServiceState.Run, 21);
        File.CreateSymbolicLink(t["svc/down"], "down");
        var (_, r) = Both(t.Path, t.Path, "status", "svc");
        Assert.Equal("warning: unable to stat svc/down: symbolic link loop\n", r.Stderr);
    }

    [Fact]
    public void NamesAndPaths()
    {
        using var t = new TempDir("sv-status");
        using var s = Svc(t, "dir/svc", ServiceState.Run, 31);
        string abs = t["dir/svc"];
        Both(t.Path, t["dir"], "status", "svc", "./dir/svc", "dir/svc/", abs, abs + "/");
        // SVDIR missing: a plain name cannot be found; a path still can.
        Both(t.Path, t["nope"], "status", "svc", "dir/svc/");
    }
}
