using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsv;

/// <summary>The log/ subservice and the pipe runsv keeps between the two.</summary>
public class RunsvLogTests
{
    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void LogRunsInLogDirReadingTheServiceOutput(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo out; echo err >&2; exec sleep 1000");
        t.Script("svc/log/run", "pwd > where; exec cat > out");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        rs.WaitRunning(sup: "log/supervise");
        Wait.Until(() => File.Exists(t["svc/log/out"]) && File.ReadAllText(t["svc/log/out"]) == "out\n", "log line");
        Assert.Equal(t["svc/log"] + "\n", File.ReadAllText(t["svc/log/where"]));
        Assert.Contains("err", rs.Stderr + ReadStderrLater(rs));
    }

    private static string ReadStderrLater(RunsvProcess rs)
    {
        Wait.Until(() => rs.Stderr.Contains("err"), "service stderr on runsv's stderr");
        return rs.Stderr;
    }

    /// <summary>
    /// The logger exits by itself after every 1000 lines and is restarted:
    /// runsv keeps the pipe, so all 5000 lines arrive once and in order.
    /// </summary>
    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void NoLineIsLostWhenTheLoggerRestarts(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "seq 1 5000; exec sleep 1000");
        t.Script("svc/log/run", "n=0\nwhile IFS= read -r l; do echo \"$l\" >> out; n=$((n+1)); [ $n -ge 1000 ] && exit 0; done");
        using var rs = new RunsvProcess(f, t["svc"]);
        Wait.Until(() => File.Exists(t["svc/log/out"]) && File.ReadAllLines(t["svc/log/out"]).Length >= 5000,
            "5000 lines", 60_000);
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => i.ToString()), File.ReadAllLines(t["svc/log/out"]));
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void ServiceRestartKeepsTheLoggerAndItsPipe(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo run $$; exec sleep 1000");
        t.Script("svc/log/run", "exec cat > out");
        using var rs = new RunsvProcess(f, t["svc"]);
        int pid = rs.WaitRunning();
        int logPid = rs.WaitRunning(sup: "log/supervise");
        Wait.Until(() => File.Exists(t["svc/log/out"]) && File.ReadAllText(t["svc/log/out"]).Contains($"run {pid}"), "first line");
        Cmd.Sh($"kill {pid}");
        int pid2 = rs.WaitRunning(pid);
        Wait.Until(() => File.ReadAllText(t["svc/log/out"]).Contains($"run {pid2}"), "second line");
        Assert.Equal(logPid, rs.Pid("log/supervise"));
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void LogControlIgnoresExitAndObeysDown(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        t.Script("svc/log/run", "exec cat > /dev/null");
        using var rs = new RunsvProcess(f, t["svc"]);
        int logPid = rs.WaitRunning(sup: "log/supervise");
        rs.Control("x", "log/supervise");
        rs.Control("c", "log/supervise");
        Assert.Equal(logPid, rs.Pid("log/supervise"));
        rs.Control("d", "log/supervise");
        rs.WaitStat("down\n", "log/supervise");
        Assert.False(rs.Exited);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void LogDownFileKeepsOnlyTheLoggerDown(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        t.Script("svc/log/run", "exec cat > /dev/null");
        t.Write("svc/log/down", "");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        rs.WaitStat("down\n", "log/supervise");
        Assert.Equal('d', rs.Status("log/supervise").Want);
    }
}
