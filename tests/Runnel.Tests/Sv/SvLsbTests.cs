using System.Collections.Generic;
using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// sv linked as /etc/init.d/NAME: the service is NAME, LSB exit codes
/// (status: 0 running, 3 down, 4 unknown; usage 2). runnel recognises the
/// mode by following the link one step to a file named sv.
/// </summary>
public sealed class SvLsbTests
{
    /// <summary>initd/NAME -> sv (runnel's out/bin/sv, or C's), services in svdir/.</summary>
    private sealed class InitD : System.IDisposable
    {
        public readonly TempDir T = new("sv-lsb");
        public string Svdir => T["service"];

        public InitD()
        {
            Directory.CreateDirectory(T["initd-c"]);
            Directory.CreateDirectory(T["initd-r"]);
            Directory.CreateDirectory(Svdir);
        }

        public FakeService Service(string name)
        {
            File.CreateSymbolicLink(T["initd-c/" + name], Paths.CTool("sv"));
            File.CreateSymbolicLink(T["initd-r/" + name], Paths.Tool("sv"));
            return new FakeService(Path.Combine(Svdir, name));
        }

        public CmdResult Run(SvImpl impl, string name, params string[] args) =>
            SvRun.Run(T[(impl == SvImpl.C ? "initd-c/" : "initd-r/") + name], T.Path, Svdir, args);

        public CmdResult Both(string name, params string[] args)
        {
            var c = Run(SvImpl.C, name, args);
            var r = Run(SvImpl.Runnel, name, args);
            Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
            return r;
        }

        public void Dispose() => T.Dispose();
    }

    [Fact]
    public void StatusExitCodes()
    {
        using var d = new InitD();
        using var f = d.Service("web");
        f.SetStatus(ServiceState.Run, 99);
        var r = d.Both("web", "status");
        Assert.Matches(@"^run: web: \(pid 99\) \d+s\n$", r.Stdout);
        Assert.Equal(0, r.ExitCode);
        f.SetStatus(ServiceState.Down, 0, 'd');
        Assert.Equal(3, d.Both("web", "status").ExitCode);
        f.SetStatusBytes(new byte[3]);
        Assert.Equal(4, d.Both("web", "status").ExitCode);
        f.Stop();
        r = d.Both("web", "status");
        Assert.Equal("fail: web: runsv not running\n", r.Stdout);
        Assert.Equal(1, r.ExitCode);
    }

    [Fact]
    public void StatusOfDownServiceWithRunningLogIs3()
    {
        // runit 2.3.0 CHANGES: LSB status exits 3 whenever the service is down.
        // Debian's 2.1.2 binary exits 0 here (the log's state wins), so only runnel is checked.
        using var d = new InitD();
        using var f = d.Service("db");
        f.SetStatus(ServiceState.Down, 0, 'd');
        using var log = new FakeService(Path.Combine(d.Svdir, "db", "log"));
        log.SetStatus(ServiceState.Run, 123);
        var r = d.Run(SvImpl.Runnel, "db", "status");
        Assert.Matches(@"^down: db: \d+s, normally up; run: log: \(pid 123\) \d+s\n$", r.Stdout);
        Assert.Equal(3, r.ExitCode);
        // ... and a running service with a down log is running.
        f.SetStatus(ServiceState.Run, 5);
        log.SetStatus(ServiceState.Down, 0, 'd');
        Assert.Equal(0, d.Run(SvImpl.Runnel, "db", "status").ExitCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bogus")]
    [InlineData("sxyz")]
    [InlineData("-z status")]
    [InlineData("restartx")]
    public void UsageExits2(string argLine)
    {
        string[] args = argLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries);
        using var d = new InitD();
        using var f = d.Service("ftp");
        var r = d.Both("ftp", args);
        Assert.Equal(2, r.ExitCode);
        Assert.EndsWith("usage: ftp [-w sec] command\n\n", r.Stderr);
    }

    [Fact]
    public void CommandsActOnTheLinkName()
    {
        using var d = new InitD();
        using var f = d.Service("mail");
        foreach (var (args, sent) in new[] { (new[] { "-w0", "start" }, "u"), (new[] { "-w0", "stop" }, "d"),
                     (new[] { "-w0", "restart", "ignored" }, "tcu"), (new[] { "reload" }, "h"), (new[] { "once" }, "o") })
        {
            f.SetStatus(ServiceState.Down, 0, 'x', agoSeconds: 100);
            f.TakeControl();
            var c = d.Run(SvImpl.C, "mail", args);
            Assert.Equal(sent, f.TakeControl());
            f.SetStatus(ServiceState.Down, 0, 'x', agoSeconds: 100);
            var r = d.Run(SvImpl.Runnel, "mail", args);
            Assert.Equal(sent, f.TakeControl());
            Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        }
    }

    [Fact]
    public void FoundThroughPath()
    {
        using var d = new InitD();
        using var f = d.Service("cron");
        f.SetStatus(ServiceState.Run, 7);
        var r = Cmd.Run("/bin/sh", ["-c", "PATH=\"$1:$PATH\" exec cron status", "sh", d.T["initd-r"]], d.T.Path,
            new Dictionary<string, string?> { ["SVDIR"] = d.Svdir });
        Assert.Matches(@"^run: cron: \(pid 7\) \d+s\n$", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void LinkStraightToRunnelIsNoTool()
    {
        // runnel cannot tell that "other" was meant as sv: it stays an unknown tool.
        using var t = new TempDir("sv-lsb");
        File.CreateSymbolicLink(t["other"], Path.Combine(Paths.RunnelBin, "runnel"));
        var r = Cmd.Run(t["other"], ["status"]);
        Assert.Equal(100, r.ExitCode);
        Assert.StartsWith("runnel: fatal: unknown tool: other\n", r.Stderr);
    }
}
