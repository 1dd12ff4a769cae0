using System.IO;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>runit as process 1 of a PID namespace: stages 1, 2, 3 and the final halt or reboot.</summary>
public class BootTests
{
    private const string Version = "$Id: runnel 0.1.0 $";

    [Fact]
    public void BootsWithoutProcOrEnvironmentAndHaltsOnInit0()
    {
        using var r = new InitRoot();
        r.Stages(stage1: "ls /proc | wc -l >>/log; env >/env", stage3: "echo bye");
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal("stage1\n0\nstage2\n", r.Read("/log"));
        Assert.DoesNotContain("PATH=", r.Read("/env"));
        Assert.DoesNotContain("HOME=", r.Read("/env"));

        Assert.Equal(0, r.Init("0"));
        Assert.Equal("", r.Read("/init.err"));
        // In a PID namespace, reboot(RB_POWER_OFF) by its init ends the namespace:
        // the kernel reports init as killed by SIGINT (SIGHUP for a restart), and
        // unshare dies of the same signal.
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\n0\nstage2\nstage3\n", r.Read("/log"));
        Assert.Equal(
            $"- runit: {Version}: booting.\n" +
            "- runit: warning: unable to open /dev/console: file does not exist\n" +
            "- runit: enter stage: /etc/runit/1\n" +
            "- runit: leave stage: /etc/runit/1\n" +
            "- runit: enter stage: /etc/runit/2\n" +
            "- runit: leave stage: /etc/runit/2\n" +
            "- runit: enter stage: /etc/runit/3\n" +
            "bye\n" +
            "- runit: leave stage: /etc/runit/3\n" +
            "- runit: sending KILL signal to all processes...\n" +
            "- runit: power off...\n", r.Output);
        // init 0 made stopit executable and runit took the permission away again.
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(r.Host("/etc/runit/stopit")));
        Assert.False(File.Exists(r.Host("/etc/runit/reboot")));
    }

    [Fact]
    public void Init6Reboots()
    {
        using var r = new InitRoot();
        r.Stages();
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init("6"));
        Assert.Equal(128 + 1, r.WaitExit());
        Assert.Equal(UnixFileMode.UserExecute, File.GetUnixFileMode(r.Host("/etc/runit/reboot")));
        Assert.EndsWith("- runit: sending KILL signal to all processes...\n- runit: system reboot.\n", r.Output);
    }

    [Fact]
    public void Init0AfterInit6HaltsAgain()
    {
        using var r = new InitRoot();
        r.Stages(stage3: "ls -l /etc/runit/reboot >>/log");
        r.Script("/etc/runit/reboot", "");
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Contains("---------- ", r.Read("/log"));
        Assert.EndsWith("- runit: power off...\n", r.Output);
    }

    [Fact]
    public void Stage2ReturningEntersStage3()
    {
        using var r = new InitRoot();
        r.Stages(stage2: "exit 3");
        r.Boot();
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\nstage2\nstage3\n", r.Read("/log"));
        Assert.Contains("- runit: enter stage: /etc/runit/2\n- runit: warning: child failed: /etc/runit/2\n" +
            "- runit: leave stage: /etc/runit/2\n- runit: enter stage: /etc/runit/3\n", r.Output);
    }

    [Fact]
    public void RunitDirectlyAsProcess1()
    {
        using var r = new InitRoot();
        r.Stages(stage2: "exit 0");
        r.Boot("/sbin/runit");
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\nstage2\nstage3\n", r.Read("/log"));
    }

    [Fact]
    public void MissingStageIsReportedAndCountsAsDone()
    {
        using var r = new InitRoot();
        r.Stages();
        File.Delete(r.Host("/etc/runit/1"));
        File.Delete(r.Host("/etc/runit/2"));
        r.Boot();
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage3\n", r.Read("/log"));
        Assert.Contains("- runit: enter stage: /etc/runit/1\n" +
            "- runit: fatal: unable to start child: /etc/runit/1: file does not exist\n" +
            "- runit: leave stage: /etc/runit/1\n" +
            "- runit: enter stage: /etc/runit/2\n" +
            "- runit: fatal: unable to start child: /etc/runit/2: file does not exist\n" +
            "- runit: leave stage: /etc/runit/2\n", r.Output);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void SyncsUnlessNosyncThenCallsReboot(bool nosync, bool reboot)
    {
        using var r = new InitRoot();
        r.Stages();
        if (nosync) File.WriteAllText(r.Host("/etc/runit/nosync"), "");
        r.Boot();
        r.WaitLog("stage2");
        string trace = r.Host("/strace.out");
        using var strace = Cmd.Start("/usr/bin/strace", ["-p", r.Pid1.ToString(), "-e", "trace=sync,reboot,kill", "-o", trace]);
        Wait.Until(() => File.Exists(trace) && Cmd.Run("/usr/bin/grep", "-q", "TracerPid:[[:space:]]*[1-9]", $"/proc/{r.Pid1}/status").ExitCode == 0, "strace attached");
        Assert.Equal(0, r.Init(reboot ? "6" : "0"));
        r.WaitExit();
        strace.WaitForExit(10_000);
        string t = File.ReadAllText(trace);
        Assert.Contains("kill(-1, SIGKILL)", t);
        Assert.Equal(nosync ? 0 : 1, System.Text.RegularExpressions.Regex.Count(t, @"^sync\(\)", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Contains(reboot ? "LINUX_REBOOT_CMD_RESTART" : "LINUX_REBOOT_CMD_POWER_OFF", t);
    }

    [Fact]
    public void RunitInitAsProcess1WithoutRunitFails()
    {
        using var r = new InitRoot();
        File.Delete(r.Host("/sbin/runit"));
        r.Boot();
        Assert.Equal(111, r.WaitExit());
        Assert.Equal("init: fatal: unable to start runit: file does not exist\n", r.Output);
    }

    [Fact]
    public void RunitInitReportsWhatItCannotCreate()
    {
        using var r = new InitRoot();
        r.Stages();
        Directory.CreateDirectory(r.Host("/etc/runit/reboot"));
        r.Boot();
        r.WaitLog("stage2");
        CmdResult init6 = r.Enter("/sbin/runit-init", "6");
        Assert.Equal(111, init6.ExitCode);
        Assert.Equal("init: fatal: unable to create /etc/runit/reboot: is a directory\n", init6.Stderr);
        Assert.False(r.Exited);
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
    }

    [Fact]
    public void StartsWithStderrClosedAndTakesTheConsoleWhenItAppears()
    {
        // Process 1 with fd 2 closed and no /dev/console; stage 1 creates one (a
        // plain file here). runit reopens it as fd 2 each round: its signalfd must
        // not be sitting there, or init 0 would never be seen.
        using var r = new InitRoot();
        r.Stages(stage1: ": >/dev/console");
        r.Boot("/sbin/runit", redirect: "2>&-");
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("", r.Output);
        // Reopened each round without O_APPEND, the file holds the last message at its start.
        Assert.StartsWith("- runit: sending KILL signal to all processes...\n- runit: power off...\n", r.Read("/dev/console"));
    }

    [Fact]
    public void BootsInARootWithoutDevProcTmpOrLdCache()
    {
        // Nothing but /usr, /etc/runit and the binaries: the NativeAOT runtime needs
        // no device node, no /proc, no temp dir and no loader cache to start.
        using var r = new InitRoot();
        r.Stages(stage2: "exit 0");
        foreach (string d in new[] { "/dev", "/proc", "/tmp" }) Directory.Delete(r.Host(d), recursive: true);
        File.Delete(r.Host("/etc/ld.so.cache"));
        r.Boot("/sbin/runit-init");
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\nstage2\nstage3\n", r.Read("/log"));
        Assert.EndsWith("- runit: power off...\n", r.Output);
    }

    [Fact]
    public void StagesGetTheEnvironmentProcess1WasStartedWith()
    {
        // The kernel passes init HOME=/ TERM=linux; runit-init hands them to runit, runit to the stages.
        using var r = new InitRoot();
        r.Stages(stage1: "env | sort >/env1", stage2: "env | sort >/env2; exit 0");
        r.Boot("/sbin/runit-init", env: "HOME=/ TERM=linux");
        Assert.Equal(128 + 2, r.WaitExit());
        foreach (string f in new[] { "/env1", "/env2" })
        {
            Assert.Contains("HOME=/\n", r.Read(f));
            Assert.Contains("TERM=linux\n", r.Read(f));
        }
    }
}
