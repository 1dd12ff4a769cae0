using System.Collections.Generic;
using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>Usage errors, options, bad input, and the LSB init-script mode, against C sv.</summary>
public sealed class SvUsageDiffTests
{
    private static CmdResult Both(string cwd, string? svdir, params string[] args)
    {
        var c = SvRun.Run(SvImpl.C, cwd, svdir, args);
        var r = SvRun.Run(SvImpl.Runnel, cwd, svdir, args);
        Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        return r;
    }

    private const string Usage = "usage: sv [-v] [-w sec] command service ...\n\n";

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "status" }, "")]
    [InlineData(new[] { "-v" }, "")]
    [InlineData(new[] { "bogus", "svc" }, "")]
    [InlineData(new[] { "reboot", "svc" }, "")]
    [InlineData(new[] { "fxyz", "svc" }, "")]
    [InlineData(new[] { "", "svc" }, "")]
    [InlineData(new[] { "-", "svc" }, "")]
    [InlineData(new[] { "Status", "svc" }, "")]
    [InlineData(new[] { "-z", "status", "svc" }, "sv: illegal option -- z\n")]
    [InlineData(new[] { "-vq", "status", "svc" }, "sv: illegal option -- q\n")]
    [InlineData(new[] { "-w" }, "sv: option requires an argument -- w\n")]
    public void UsageErrors(string[] args, string before)
    {
        using var t = new TempDir("sv-usage");
        var r = Both(t.Path, t.Path, args);
        Assert.Equal(100, r.ExitCode);
        Assert.Equal(before + Usage, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void VersionThenUsage()
    {
        using var t = new TempDir("sv-usage");
        var r = SvRun.Run(SvImpl.Runnel, t.Path, t.Path, "-V");
        Assert.Equal("$Id: runnel " + Program.Version + " $\n" + Usage, r.Stderr);
        Assert.Equal(100, r.ExitCode);
        var c = SvRun.Run(SvImpl.C, t.Path, t.Path, "-V");
        Assert.Equal(100, c.ExitCode);
        Assert.EndsWith(" $\n" + Usage, c.Stderr);
    }

    [Fact]
    public void OptionForms()
    {
        using var t = new TempDir("sv-usage");
        using var f = new FakeService(t["svc"]);
        f.SetStatus(ServiceState.Run, 8, agoSeconds: 100);
        foreach (var args in new[]
        {
            new[] { "-w", "0", "term", "svc" }, new[] { "-w0", "term", "svc" }, new[] { "-vw", "0", "t", "svc" },
            new[] { "-w0x", "t", "svc" }, new[] { "--", "status", "svc" }, new[] { "-v", "--", "h", "svc" },
        })
            Both(t.Path, t.Path, args);
    }

    [Fact]
    public void SvwaitEnvironment()
    {
        using var t = new TempDir("sv-usage");
        using var f = new FakeService(t["svc"]);
        f.SetStatus(ServiceState.Run, 8, agoSeconds: 100);
        var env = new Dictionary<string, string?> { ["SVDIR"] = t.Path, ["SVWAIT"] = "0" };
        var c = Cmd.Run(Paths.CTool("sv"), ["-v", "term", "svc"], t.Path, env);
        var r = Cmd.Run(Paths.Tool("sv"), ["-v", "term", "svc"], t.Path, env);
        Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        Assert.StartsWith("timeout: ", r.Stdout);
    }

    [Fact]
    public void PermissionDenied()
    {
        using var t = new TempDir("sv-usage");
        File.SetUnixFileMode(t.Path, (UnixFileMode)0b111_101_101);
        using var f = new FakeService(t["svc"]);
        f.SetStatus(ServiceState.Run, 8);
        Directory.CreateDirectory(t["closed/svc"]);
        File.SetUnixFileMode(t["closed"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Copies the nobody user can reach (the originals may sit under /root).
        Directory.CreateDirectory(t["c"]);
        Directory.CreateDirectory(t["r"]);
        File.Copy(Paths.CTool("sv"), t["c/sv"]);
        File.Copy(Path.Combine(Paths.RunnelBin, "runnel"), t["r/runnel"]);
        File.CreateSymbolicLink(t["r/sv"], "runnel");
        CmdResult Nobody(string bin) => Cmd.Run("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", bin, "status", "svc", "closed/svc"], t.Path,
            new Dictionary<string, string?> { ["SVDIR"] = t.Path });
        var c = Nobody(t["c/sv"]);
        var r = Nobody(t["r/sv"]);
        Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        Assert.Equal("warning: svc: unable to open supervise/ok: access denied\n" +
            "fail: closed/svc: unable to change to service directory: access denied\n", r.Stdout);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void UnreadableWorkingDirectoryIsFatal()
    {
        using var t = new TempDir("sv-usage");
        File.SetUnixFileMode(t.Path, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(t["c"]);
        Directory.CreateDirectory(t["r"]);
        File.Copy(Paths.CTool("sv"), t["c/sv"]);
        File.Copy(Path.Combine(Paths.RunnelBin, "runnel"), t["r/runnel"]);
        File.CreateSymbolicLink(t["r/sv"], "runnel");
        File.CreateSymbolicLink(t["c/web"], "sv");
        File.CreateSymbolicLink(t["r/web"], "sv");
        Directory.CreateDirectory(t["cwd"]);
        File.SetUnixFileMode(t["cwd"], (UnixFileMode)0b011_011_011); // search, no read
        CmdResult Nobody(string bin, params string[] args) => Cmd.Run("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", bin, .. args], t["cwd"]);
        foreach (var (name, args, code) in new[] { ("sv", new[] { "bogus", "svc" }, 100), ("web", new[] { "status" }, 151) })
        {
            var c = Nobody(t["c/" + name], args);
            var r = Nobody(t["r/" + name], args);
            Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
            Assert.Equal("fatal: unable to open current directory: access denied\n", r.Stderr);
            Assert.Equal(code, r.ExitCode);
        }
    }
}
