using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// What sv writes to supervise/control for every command and abbreviation,
/// and what it prints and exits with, against C sv on the same fake runsv.
/// </summary>
public sealed class SvControlDiffTests
{
    /// <summary>Runs the command with both svs from the same starting record; returns runnel's result and control bytes.</summary>
    private static (CmdResult r, string sent) Both(FakeService f, string cwd, System.Action reset, params string[] args)
    {
        reset();
        f.TakeControl();
        var c = SvRun.Run(SvImpl.C, cwd, cwd, args);
        string cSent = f.TakeControl();
        reset();
        var r = SvRun.Run(SvImpl.Runnel, cwd, cwd, args);
        string rSent = f.TakeControl();
        Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        Assert.Equal(cSent, rSent);
        return (r, rSent);
    }

    [Theory]
    [InlineData("up", "u")] [InlineData("u", "u")] [InlineData("upward", "u")]
    [InlineData("down", "d")] [InlineData("once", "o")] [InlineData("pause", "p")]
    [InlineData("cont", "c")] [InlineData("hup", "h")] [InlineData("alarm", "a")]
    [InlineData("interrupt", "i")] [InlineData("quit", "q")] [InlineData("1", "1")]
    [InlineData("2", "2")] [InlineData("term", "t")] [InlineData("kill", "k")]
    [InlineData("exit", "x")] [InlineData("e", "x")] [InlineData("c", "c")] [InlineData("t", "t")]
    public void PlainCommandsSendTheirLetter(string cmd, string sent)
    {
        using var t = new TempDir("sv-ctl");
        using var f = new FakeService(t["svc"]);
        var (r, got) = Both(f, t.Path, () => f.SetStatus(ServiceState.Run, 50, want: sent == "u" ? 'd' : 'u'), cmd, "svc");
        Assert.Equal(sent, got);
        Assert.Equal("", r.Stdout + r.Stderr);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void NothingSentWhenAlreadyWanted()
    {
        using var t = new TempDir("sv-ctl");
        using var f = new FakeService(t["svc"]);
        Assert.Equal("", Both(f, t.Path, () => f.SetStatus(ServiceState.Run, 5, want: 'u'), "up", "svc").sent);
        Assert.Equal("", Both(f, t.Path, () => f.SetStatus(ServiceState.Down, 0, want: 'd', term: true), "down", "svc").sent);
        // "once" leaves want down without TERM: down is still sent.
        Assert.Equal("d", Both(f, t.Path, () => f.SetStatus(ServiceState.Run, 5, want: 'd'), "down", "svc").sent);
    }

    [Theory]
    [InlineData("-w0", "start", "u", "timeout: ")]
    [InlineData("-w0", "stop", "d", "timeout: ")]
    [InlineData("-w0", "restart", "tcu", "timeout: ")]
    [InlineData("-w0", "try-restart", "tc", "timeout: ")]
    [InlineData("-w0", "shutdown", "x", "timeout: ")]
    [InlineData("-w0", "reload", "h", "ok: ")]
    [InlineData("-w0", "force-stop", "dk", "kill: ")]
    [InlineData("-w0", "force-reload", "tck", "kill: ")]
    [InlineData("-w0", "force-restart", "tcuk", "kill: ")]
    [InlineData("-w0", "force-shutdown", "xk", "kill: ")]
    [InlineData("-w0", "Down", "dk", "kill: ")]
    [InlineData("-w0", "Term", "tck", "kill: ")]
    [InlineData("-w0", "Xit", "xk", "kill: ")]
    [InlineData("-w0", "Exit", "xk", "kill: ")]
    [InlineData("-vw0", "down", "d", "timeout: ")]
    [InlineData("-v", "hup", "h", "ok: ")]
    public void WaitingCommands(string opt, string cmd, string sent, string outcome)
    {
        // The fake never changes state: everything but reload/hup times out.
        using var t = new TempDir("sv-ctl");
        using var f = new FakeService(t["svc"]);
        bool start = cmd == "start";
        var (r, got) = Both(f, t.Path, () => f.SetStatus(start ? ServiceState.Down : ServiceState.Run, start ? 0 : 60,
            want: start ? 'd' : 'u', agoSeconds: 100), opt, cmd, "svc");
        Assert.Equal(sent, got);
        Assert.StartsWith(outcome + (start ? "down: svc: " : "run: svc: (pid 60) "), r.Stdout);
        Assert.Equal(outcome == "ok: " ? 0 : 1, r.ExitCode);
    }

    [Theory]
    [InlineData(1, 9, 'u', "ok: run: svc: (pid N) Ns\n", 0)]
    [InlineData(0, 0, 'd', "ok: down: svc: Ns, normally up\n", 0)]
    [InlineData(0, 0, 'u', "timeout: down: svc: Ns, normally up, want up\n", 1)]
    [InlineData(1, 9, 'd', "timeout: run: svc: (pid N) Ns, want down\n", 1)]
    [InlineData(2, 9, 'd', "timeout: finish: svc: (pid N) Ns, want down\n", 1)]
    public void CheckWaitsForTheRequestedState(int state, int pid, char want, string expected, int exit)
    {
        // runit 2.3.0 CHANGES: "sv check" behaves as documented, waiting for the
        // wanted state. Debian's 2.1.2 says ok for any service without a pid,
        // so runnel is checked alone here.
        using var t = new TempDir("sv-ctl");
        using var f = new FakeService(t["svc"]);
        f.SetStatus((ServiceState)state, pid, want);
        var r = SvRun.Run(SvImpl.Runnel, t.Path, t.Path, "-w0", "check", "svc");
        Assert.Equal(expected, SvRun.Normalise(r.Stdout));
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal("", f.TakeControl());
    }

    [Fact]
    public void SeveralServicesCountFailures()
    {
        using var t = new TempDir("sv-ctl");
        using var a = new FakeService(t["a"]);
        using var b = new FakeService(t["b"], running: false);
        var (r, _) = Both(a, t.Path, () => { a.SetStatus(ServiceState.Down, 0, 'd'); b.SetStatus(ServiceState.Down, 0, 'd'); },
            "-w0", "up", "a", "b", "c");
        Assert.Equal(3, r.ExitCode);
    }

    [Fact]
    public void NotRunning()
    {
        using var t = new TempDir("sv-ctl");
        using var f = new FakeService(t["svc"], running: false);
        f.SetStatus(ServiceState.Down, 0);
        var (r, _) = Both(f, t.Path, () => { }, "up", "svc");
        Assert.Equal("fail: svc: runsv not running\n", r.Stdout);
        Assert.Equal(1, r.ExitCode);
        // exit to a runsv that is gone already is fine.
        (r, _) = Both(f, t.Path, () => { }, "exit", "svc");
        Assert.Equal("ok: svc: runsv not running\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void ControlFifoWithoutReader()
    {
        // ok has a reader but control has none: the open of control fails with ENXIO.
        using var t = new TempDir("sv-ctl");
        using var f = new FakeService(t["svc"], running: false);
        f.SetStatus(ServiceState.Down, 0, 'd');
        int ok = Runnel.Posix.Fd.Open(t["svc/supervise/ok"], Runnel.Posix.Libc.O_RDONLY | Runnel.Posix.Libc.O_NONBLOCK);
        try
        {
            var (r, _) = Both(f, t.Path, () => { }, "up", "svc");
            Assert.Equal("fail: svc: runsv not running\n", r.Stdout);
            File.Delete(t["svc/supervise/control"]);
            (r, _) = Both(f, t.Path, () => { }, "up", "svc");
            Assert.Equal("warning: svc: unable to open supervise/control: file does not exist\n", r.Stdout);
        }
        finally { Runnel.Posix.Fd.Close(ok); }
    }
}
