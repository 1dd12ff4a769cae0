using System.IO;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Demo;

/// <summary>The README's first command: examples/demo.sh on the built tools runs a real tree and cleans up.</summary>
public class DemoTests
{
    [Fact]
    public void DemoRunsTheTreeAndCleansUp()
    {
        CmdResult r = Cmd.Run("bash", Path.Combine(Paths.RepoRoot, "examples", "demo.sh"), Paths.RunnelBin);
        Assert.True(r.ExitCode == 0, r.ToString());
        string o = Regex.Replace(r.Stdout, "\u001b\\[[0-9;]*m", "");
        Assert.Matches(@"run: greeter: \(pid \d+\) \d+s; run: log: \(pid \d+\) \d+s", o);
        // sv -w restart waited for the greeter's readiness signal (notification-fd).
        Assert.Matches(@"ok: run: greeter: \(pid \d+\)", o);
        Assert.Contains("ok: down: ticker:", o);
        Assert.Matches(@"\ngreeter +run +yes +\d+ ", o);
        Assert.Matches(@"\nworker +run +- +\d+ .*code 3", o);
        Assert.Matches(@"\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d\.\d{5} hello from greeter, line \d+", o);
        Assert.Contains("worker finished: exit code 3", o);
        Match done = Regex.Match(o, @"demo done: runsvdir stopped, (/tmp/runnel-demo\.\w+) removed");
        Assert.True(done.Success, o);
        Assert.False(Directory.Exists(done.Groups[1].Value));
    }
}
