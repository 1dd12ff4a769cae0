using System.Collections.Generic;
using System.Threading.Tasks;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// runnel sv waiting for a state that a (fake) runsv reaches while it waits:
/// it wakes on the change to supervise/ and reports ok.
/// </summary>
public sealed class SvWaitTests
{
    private static Task<CmdResult> Start(string cwd, params string[] args) =>
        Task.Run(() => SvRun.Run(SvImpl.Runnel, cwd, cwd, args));

    [Fact]
    public async Task UpCompletesWhenStatusChanges()
    {
        using var t = new TempDir("sv-wait");
        using var f = new FakeService(t["svc"]);
        f.SetStatus(ServiceState.Down, 0, 'd');
        var sv = Start(t.Path, "-w", "20", "up", "svc");
        Wait.Until(() => f.TakeControl() == "u", "sv to send u");
        f.SetStatus(ServiceState.Run, 4711, 'u', agoSeconds: 0);
        var r = await sv;
        Assert.Matches(@"^ok: run: svc: \(pid 4711\) [01]s\n$", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public async Task ExitCompletesWhenRunsvGoes()
    {
        using var t = new TempDir("sv-wait");
        using var f = new FakeService(t["svc"]);
        f.SetStatus(ServiceState.Down, 0, 'd');
        var sv = Start(t.Path, "-w", "20", "shutdown", "svc");
        Wait.Until(() => f.TakeControl() == "x", "sv to send x");
        f.Stop();
        var r = await sv;
        Assert.Equal("ok: svc: runsv not running\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public async Task SeveralServicesEachReported()
    {
        using var t = new TempDir("sv-wait");
        using var a = new FakeService(t["a"]);
        using var b = new FakeService(t["b"]);
        a.SetStatus(ServiceState.Run, 10, 'u');
        b.SetStatus(ServiceState.Run, 20, 'u');
        var sv = Start(t.Path, "-w", "20", "stop", "a", "b");
        Wait.Until(() => a.TakeControl() == "d", "d to a");
        Wait.Until(() => b.TakeControl() == "d", "d to b");
        b.SetStatus(ServiceState.Down, 0, 'd', agoSeconds: 0);
        a.SetStatus(ServiceState.Down, 0, 'd', agoSeconds: 0);
        var r = await sv;
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"(^|\n)ok: down: a: [01]s, normally up\n", r.Stdout);
        Assert.Matches(@"(^|\n)ok: down: b: [01]s, normally up\n", r.Stdout);
    }

    [Fact]
    public async Task SuperviseSymlinkReplacedWhileWaiting()
    {
        // supervise is a symlink (as on Debian) and is pointed elsewhere while sv
        // waits: the watch is on the old target, sv still sees the new state.
        using var t = new TempDir("sv-wait");
        using var f = new FakeService(t["sup1"]);
        f.SetStatus(ServiceState.Down, 0, 'd');
        System.IO.Directory.CreateDirectory(t["svc"]);
        System.IO.File.CreateSymbolicLink(t["svc/supervise"], "../sup1/supervise");
        var sv = Start(t.Path, "-w", "20", "up", "svc");
        Wait.Until(() => f.TakeControl() == "u", "sv to send u");
        using var g = new FakeService(t["sup2"]);
        g.SetStatus(ServiceState.Run, 5, 'u', agoSeconds: 0);
        System.IO.File.CreateSymbolicLink(t["svc/supervise.new"], "../sup2/supervise");
        Assert.Equal(0, Runnel.Posix.Libc.rename(t["svc/supervise.new"], t["svc/supervise"]));
        var r = await sv;
        Assert.Matches(@"^ok: run: svc: \(pid 5\) [01]s\n$", r.Stdout);
    }

    [Fact]
    public async Task PollsWhereSuperviseCannotBeWatched()
    {
        // inotify needs read permission on supervise/; sv only needs search
        // permission. As nobody, with supervise/ mode 0711, sv falls back to polling.
        using var t = new TempDir("sv-wait");
        System.IO.File.SetUnixFileMode(t.Path, (System.IO.UnixFileMode)0b111_101_101);
        using var f = new FakeService(t["svc"]);
        f.SetStatus(ServiceState.Down, 0, 'd');
        foreach (string fifo in new[] { "ok", "control" })
            System.IO.File.SetUnixFileMode(t["svc/supervise/" + fifo], (System.IO.UnixFileMode)0b110_110_110);
        System.IO.File.SetUnixFileMode(t["svc/supervise"], (System.IO.UnixFileMode)0b111_001_001);
        System.IO.Directory.CreateDirectory(t["bin"]);
        System.IO.File.Copy(System.IO.Path.Combine(Paths.RunnelBin, "runnel"), t["bin/runnel"]);
        System.IO.File.CreateSymbolicLink(t["bin/sv"], "runnel");
        var sv = Task.Run(() => Cmd.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
            t["bin/sv"], "-w", "20", "up", t["svc"]]));
        Wait.Until(() => f.TakeControl() == "u", "sv to send u");
        f.SetStatus(ServiceState.Run, 6, 'u', agoSeconds: 0);
        var r = await sv;
        Assert.Matches($"^ok: run: {System.Text.RegularExpressions.Regex.Escape(t["svc"])}: \\(pid 6\\) [01]s\n$", r.Stdout);
        Assert.Equal("", r.Stderr);
    }
}
