using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// sv and readiness: runnel sv waits for a runnel runsv's readiness
/// (notification-fd, supervise/info); C sv and C runsv see nothing new, and
/// runnel sv on a C runsv behaves as before.
/// </summary>
public sealed class SvReadinessTests
{
    private const string SignalLater = "sleep 1; touch signalled; echo >&3; exec sleep 1000";

    private static CmdResult Sv(SvImpl impl, string cwd, params string[] args) => SvRun.Run(impl, cwd, cwd, args);

    private static ServiceInfo Info(string dir)
    {
        Assert.True(ServiceInfo.TryRead(Path.Combine(dir, "supervise"), out var i));
        return i;
    }

    /// <summary>Never ready: the same timeout as C sv gives for a ./check that keeps failing.</summary>
    [Fact]
    public void NeverReadyTimesOutLikeAFailingCheck()
    {
        using var tr = new TempDir("sv-ready");
        using var tc = new TempDir("sv-ready");
        using var r = new LiveService("runnel", tr["svc"], down: true, log: false, notify: "3\n");
        using var c = new LiveService("c", tc["svc"], down: true, log: false, check: "exit 1");
        var ours = Sv(SvImpl.Runnel, tr.Path, "-w", "2", "up", "svc");
        var theirs = Sv(SvImpl.C, tc.Path, "-w", "2", "up", "svc");
        Assert.Matches(@"^timeout: run: svc: \(pid \d+\) \d+s, normally down\n$", ours.Stdout);
        Assert.Equal(1, ours.ExitCode);
        Assert.Equal(SvRun.Shape(theirs), SvRun.Shape(ours));
        Assert.Equal(0, Info(tr["svc"]).ReadyNs);
    }

    [Theory]
    [InlineData("-w", "10", "up")]
    [InlineData("-v", "up")]
    [InlineData("-w", "10", "start")]
    public void UpWaitsUntilTheServiceSignals(params string[] args)
    {
        using var t = new TempDir("sv-ready");
        using var s = new LiveService("runnel", t["svc"], down: true, log: false, notify: "3", run: SignalLater);
        var r = Sv(SvImpl.Runnel, t.Path, [.. args, "svc"]);
        Assert.True(File.Exists(t["svc/signalled"]), "sv returned only after the service signalled");
        Assert.Matches(@"^ok: run: svc: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        var i = Info(t["svc"]);
        Assert.NotEqual(0, i.ReadyNs);
        Assert.Contains($"(pid {i.Pid})", r.Stdout);
    }

    /// <summary>restart waits for the new run's readiness, not the old run's.</summary>
    [Fact]
    public void RestartWaitsForTheNewRun()
    {
        using var t = new TempDir("sv-ready");
        using var s = new LiveService("runnel", t["svc"], log: false, notify: "3", run: SignalLater);
        Wait.Until(() => Info(t["svc"]).ReadyNs != 0, "first run ready");
        int old = Info(t["svc"]).Pid;
        File.Delete(t["svc/signalled"]);
        var r = Sv(SvImpl.Runnel, t.Path, "-w", "10", "restart", "svc");
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(t["svc/signalled"]), "the new run signalled before sv returned");
        var i = Info(t["svc"]);
        Assert.NotEqual(old, i.Pid);
        Assert.NotEqual(0, i.ReadyNs);
        Assert.Matches($@"^ok: run: svc: \(pid {i.Pid}\) \d+s\n$", r.Stdout);
    }

    /// <summary>A ./check still works, and runs only once the service is ready.</summary>
    [Fact]
    public void CheckScriptRunsAfterReadiness()
    {
        using var t = new TempDir("sv-ready");
        using var s = new LiveService("runnel", t["svc"], down: true, log: false, notify: "3", run: SignalLater,
            check: "grep '^ready=' supervise/info >> check.log; test -e pass");
        var r = Sv(SvImpl.Runnel, t.Path, "-w", "5", "up", "svc");
        // Ready, but ./check fails: still a timeout.
        Assert.Matches(@"^timeout: run: svc: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
        Assert.Equal(1, r.ExitCode);
        string[] seen = File.ReadAllLines(t["svc/check.log"]);
        Assert.NotEmpty(seen);
        Assert.DoesNotContain("ready=0", seen);
        File.WriteAllText(t["svc/pass"], "");
        r = Sv(SvImpl.Runnel, t.Path, "check", "svc");
        Assert.Matches(@"^ok: run: svc: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    /// <summary>`sv check` on a service that is up but not ready waits for it.</summary>
    [Fact]
    public async Task CheckWaitsForReadiness()
    {
        using var t = new TempDir("sv-ready");
        using var s = new LiveService("runnel", t["svc"], log: false, notify: "3",
            run: "while ! test -e go; do sleep 0.05; done; echo >&3; exec sleep 1000");
        var sv = Task.Run(() => Sv(SvImpl.Runnel, t.Path, "-w", "20", "check", "svc"));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(sv.IsCompleted, "check returned before the service was ready");
        File.WriteAllText(t["svc/go"], "");
        var r = await sv;
        Assert.Matches(@"^ok: run: svc: \(pid \d+\) \d+s\n$", r.Stdout);
        Assert.NotEqual(0, Info(t["svc"]).ReadyNs);
    }

    /// <summary>notification-fd added while the run goes on: that run is not tracked (notify=none), so no wait.</summary>
    [Fact]
    public void NotificationFdAddedAfterTheStartDoesNotHang()
    {
        using var t = new TempDir("sv-ready");
        using var s = new LiveService("runnel", t["svc"], log: false);
        File.WriteAllText(t["svc/notification-fd"], "3");
        var r = Sv(SvImpl.Runnel, t.Path, "-w", "3", "check", "svc");
        Assert.Matches(@"^ok: run: svc: \(pid \d+\) \d+s\n$", r.Stdout);
        Assert.Equal(-1, Info(t["svc"]).NotifyFd);
    }

    /// <summary>
    /// A C runsv writes no supervise/info: runnel sv ignores notification-fd
    /// there (as C sv does), also when a stale info from an earlier runnel
    /// runsv is left behind, instead of waiting for what never comes.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnACRunsvNotificationFdDoesNotHang(bool staleInfo)
    {
        using var t = new TempDir("sv-ready");
        using var s = new LiveService("c", t["svc"], down: true, log: false, notify: "3");
        if (staleInfo)
            File.WriteAllText(t["svc/supervise/info"],
                new ServiceInfo(99999, 1, 0, ExitKind.None, 0, 0, 3, 0).Format());
        var c = Sv(SvImpl.C, t.Path, "-w", "3", "up", "svc");
        s.ResetDown();
        var r = Sv(SvImpl.Runnel, t.Path, "-w", "3", "up", "svc");
        Assert.Matches(@"^ok: run: svc: \(pid \d+\) \d+s, normally down\n$", r.Stdout);
        Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        s.ResetUp();
        r = Sv(SvImpl.Runnel, t.Path, "-w", "3", "restart", "svc");
        Assert.Equal(0, r.ExitCode);
        r = Sv(SvImpl.Runnel, t.Path, "-w", "3", "check", "svc");
        Assert.Equal(0, r.ExitCode);
    }

    /// <summary>
    /// C sv reads a runnel runsv's service dir with notification-fd and info
    /// exactly as a C runsv's (C sv knows nothing of readiness: its -w up does
    /// not wait for it), and `sv status` prints the same from both svs.
    /// </summary>
    [Fact]
    public void CSvSeesRunnelDirsWithReadinessAsCDirs()
    {
        using var tr = new TempDir("sv-ready");
        using var tc = new TempDir("sv-ready");
        // Never ready: under runnel the info says ready=0; under C there is no fd 3.
        const string run = "exec sleep 1000";
        using var r = new LiveService("runnel", tr["svc"], notify: "3", run: run);
        using var c = new LiveService("c", tc["svc"], notify: "3", run: run);
        File.WriteAllText(tr["svc/log/notification-fd"], "3");
        File.WriteAllText(tc["svc/log/notification-fd"], "3");
        Assert.True(File.Exists(tr["svc/supervise/info"]));

        void Same(Action<LiveService> reset, params string[] args)
        {
            reset(r);
            var onRunnel = Sv(SvImpl.C, tr.Path, args);
            reset(c);
            var onC = Sv(SvImpl.C, tc.Path, args);
            Assert.Equal(SvRun.Shape(onC), SvRun.Shape(onRunnel));
            if (args[0] == "status") Assert.Equal(SvRun.Shape(onRunnel), SvRun.Shape(Sv(SvImpl.Runnel, tr.Path, args)));
        }

        Same(_ => { }, "status", "svc");
        Same(s => s.ResetUp(), "-w", "5", "down", "svc");
        Same(_ => { }, "status", "svc");
        Same(s => s.ResetDown(), "-w", "5", "up", "svc");
        Same(_ => { }, "status", "svc");
        Same(s => s.ResetUp(), "check", "svc");
        Same(s => s.ResetDown(), "check", "svc");
        Same(s => s.ResetUp(), "-w", "5", "restart", "svc");
        Same(_ => { }, "status", "svc");
        Assert.Equal(0, Info(tr["svc"]).ReadyNs);
        Assert.Equal(3, Info(tr["svc"]).NotifyFd);
        Assert.NotEqual(0UL, Info(tr["svc"]).Restarts);
    }
}
