using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>runit and runit-init outside process 1 (nothing here can reach the host's init).</summary>
public class CommandLineTests
{
    [Fact]
    public void RunitRefusesToRunUnlessProcess1()
    {
        CmdResult r = Cmd.Run(Paths.Tool("runit"));
        Assert.Equal(111, r.ExitCode);
        Assert.Equal("- runit: fatal: must be run as process no 1.\n", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void RunitMatchesCNotAsProcess1()
    {
        CmdResult c = Cmd.Run(Path.Combine(Paths.CRunitRoot, "sbin", "runit"));
        CmdResult n = Cmd.Run(Paths.Tool("runit"));
        Assert.Equal(c, n);
    }

    [Theory]
    [InlineData]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("-x")]
    [InlineData("1", "2")]
    public void RunitInitUsageExitsZeroLikeC(params string[] args)
    {
        // Same argv[0] for both, so the usage lines can be compared byte for byte.
        using var d = new TempDir();
        string c = Path.Combine(d.Path, "c", "init"), n = Path.Combine(d.Path, "n", "init");
        Directory.CreateDirectory(Path.GetDirectoryName(c)!);
        Directory.CreateDirectory(Path.GetDirectoryName(n)!);
        File.CreateSymbolicLink(c, Path.Combine(Paths.CRunitRoot, "lib", "runit", "runit-init"));
        File.CreateSymbolicLink(n, Paths.Tool("runnel"));
        CmdResult cr = Cmd.Run("/bin/sh", new[] { "-c", "cd \"$(dirname \"$0\")\" && exec ./init \"$@\"", c }.Concat(args));
        CmdResult nr = Cmd.Run("/bin/sh", new[] { "-c", "cd \"$(dirname \"$0\")\" && exec ./init \"$@\"", n }.Concat(args));
        Assert.Equal(0, nr.ExitCode);
        Assert.Equal("usage: ./init 0|6\n\n", nr.Stderr);
        Assert.Equal(cr, nr);
    }

    [Fact]
    public void RunitInitVersionThenUsage()
    {
        CmdResult r = Cmd.Run(Paths.Tool("runit-init"), "-V");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"$Id: runnel 0.1.0 $\n\nusage: {Paths.Tool("runit-init")} 0|6\n\n", r.Stderr);
    }
}
