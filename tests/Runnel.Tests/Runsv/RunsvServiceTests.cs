using System;
using System.IO;
using System.Linq;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsv;

/// <summary>./run, ./finish and the restart cycle, against C and runnel.</summary>
public class RunsvServiceTests
{
    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void FinishGetsExitCodeAndStatusByte(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "test -e exited || { touch exited; exit 3; }\nexec sleep 1000");
        t.Script("svc/finish", "echo \"$1 $2\" >> finish.log");
        using var rs = new RunsvProcess(f, t["svc"]);
        Wait.Until(() => File.Exists(t["svc/finish.log"]) && File.ReadAllLines(t["svc/finish.log"]).Length > 0,
            "finish after exit 3", 15_000);
        int pid = rs.WaitRunning();
        Cmd.Sh($"kill -9 {pid}");
        Wait.Until(() => File.ReadAllLines(t["svc/finish.log"]).Length == 2, "finish after SIGKILL", 15_000);
        Assert.Equal(new[] { "3 0", "-1 9" }, File.ReadAllLines(t["svc/finish.log"]));
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void StatShowsFinishWhileFinishRuns(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exit 0");
        t.Script("svc/finish", "exec sleep 1000");
        t.Write("svc/down", "");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitStat("down\n");
        rs.Control("o");
        rs.WaitStat("finish, want down\n");
        // stat is published before status: wait for both.
        Wait.Until(() => rs.Status().State == ServiceState.Finish, "status says finish");
        Assert.Equal('d', rs.Status().Want);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void UnstartableRunBehavesAsExit111(Flavour f)
    {
        using var t = new TempDir();
        t.Write("svc/run", "#!/bin/sh\nexit 0\n"); // not executable
        t.Script("svc/finish", "echo \"$1 $2\" >> finish.log");
        using var rs = new RunsvProcess(f, t["svc"]);
        Wait.Until(() => File.Exists(t["svc/finish.log"]) && File.ReadAllLines(t["svc/finish.log"]).Length > 0,
            "finish after failed start");
        Assert.Equal("111 0", File.ReadAllLines(t["svc/finish.log"])[0]);
        Wait.Until(() => rs.Stderr.Length > 0, "message");
        Assert.Equal($"runsv {t["svc"]}: fatal: unable to start ./run: access denied", rs.Stderr.Split('\n')[0]);
        Assert.False(rs.Exited);
    }

    [Theory]
    [InlineData(Flavour.C, "missing")]
    [InlineData(Flavour.Runnel, "missing")]
    [InlineData(Flavour.C, "directory")]
    [InlineData(Flavour.Runnel, "directory")]
    public void MissingOrDirectoryRunKeepsRunsvAliveAndRetrying(Flavour f, string kind)
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["svc"]);
        if (kind == "directory") Directory.CreateDirectory(t["svc/run"]);
        using var rs = new RunsvProcess(f, t["svc"]);
        string expected = kind == "missing" ? "file does not exist" : "access denied";
        Wait.Until(() => rs.Stderr.Split('\n').Length >= 3, "two start attempts", 10_000);
        Assert.All(rs.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.Equal($"runsv {t["svc"]}: fatal: unable to start ./run: {expected}", l));
        Assert.False(rs.Exited);
        // Once ./run appears it is started.
        if (kind == "directory") Directory.Delete(t["svc/run"]);
        t.Script("svc/run", "exec sleep 1000");
        rs.WaitRunning();
    }

    [Fact]
    public void RestartsAtMostOncePerSecondWhenRunExitsAtOnce()
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo x >> starts; exit 0");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        Wait.Until(() => File.Exists(t["svc/starts"]), "first start");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        System.Threading.Thread.Sleep(3000);
        int starts = File.ReadAllLines(t["svc/starts"]).Length;
        double seconds = sw.Elapsed.TotalSeconds;
        Assert.InRange(starts, 2, (int)seconds + 2);
    }

    /// <summary>
    /// The test host ignores SIGPIPE; C runsv passes that on, runnel must not.
    /// glibc's own signals 32 and 33 must be back to default too.
    /// </summary>
    [Fact]
    public void ChildrenGetEmptySignalMaskNoIgnoredSignalsAndOnlyStdFds()
    {
        using var t = new TempDir();
        // Builtins only: dash blocks every signal around its vfork, and a grep of
        // /proc/$$/status could see that window when the shell is not scheduled at once.
        t.Script("svc/run", "while IFS= read -r l; do case $l in SigBlk*|SigIgn*) echo \"$l\";; esac; done < /proc/$$/status > sig.txt\n" +
            "ls -l /proc/$$/fd > fds.txt; exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        rs.WaitRunning();
        Wait.Until(() => File.Exists(t["svc/fds.txt"]) && File.ReadAllText(t["svc/fds.txt"]).Length > 0, "fd list");
        string[] sig = File.ReadAllLines(t["svc/sig.txt"]);
        Assert.Equal("SigBlk:\t0000000000000000", sig[0]);
        Assert.Equal("SigIgn:\t0000000000000000", sig[1]);
        // Whatever the test host passed to runsv may pass on (as with C); nothing of runsv's own may.
        string fds = File.ReadAllText(t["svc/fds.txt"]);
        foreach (string own in new[] { "supervise", "signalfd", "inotify" }) Assert.DoesNotContain(own, fds);
        Assert.Contains(" 0 -> ", fds);
        Assert.Contains(" 2 -> ", fds);
    }

    [Fact]
    public void RunsvHasNoSignalHandlersOfTheRuntimeAndBlocksItsSignalsOnEveryThread()
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        rs.WaitRunning();
        int pid = rs.Process.Id;
        foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            string status = File.ReadAllText(Path.Combine(task, "status"));
            string blk = status.Split('\n').First(l => l.StartsWith("SigBlk:"))[7..].Trim();
            ulong mask = Convert.ToUInt64(blk, 16);
            Assert.True((mask & (1UL << (17 - 1))) != 0, $"SIGCHLD blocked on {task}: {blk}");
            Assert.True((mask & (1UL << (15 - 1))) != 0, $"SIGTERM blocked on {task}: {blk}");
        }
    }
}
