using Xunit;

namespace Runnel.Tests.Init;

/// <summary>How runit moves between stages when a stage fails or crashes (runit(8), runit 2.3.0).</summary>
public class StageTests
{
    [Theory]
    [InlineData("exit 100", "failed")]
    [InlineData("kill -SEGV $$", "crashed")]
    public void Stage1ExitingOneHundredOrCrashingSkipsStage2(string stage1, string how)
    {
        using var r = new InitRoot();
        r.Stages(stage1: stage1);
        r.Boot();
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\nstage3\n", r.Read("/log"));
        Assert.Contains($"- runit: enter stage: /etc/runit/1\n- runit: warning: child {how}: /etc/runit/1\n" +
            "- runit: leave stage: /etc/runit/1\n- runit: warning: skipping stage 2...\n" +
            "- runit: enter stage: /etc/runit/3\n", r.Output);
    }

    [Fact]
    public void Stage1FailingOtherwiseStillEntersStage2()
    {
        using var r = new InitRoot();
        r.Stages(stage1: "exit 1", stage2: "exit 0");
        r.Boot();
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\nstage2\nstage3\n", r.Read("/log"));
        Assert.Contains("- runit: warning: child failed: /etc/runit/1\n- runit: leave stage: /etc/runit/1\n" +
            "- runit: enter stage: /etc/runit/2\n", r.Output);
    }

    // runit 2.3.0 "really restart stage 2 if it crashed": Debian's 2.1.2 went on to
    // stage 3 after a crash, since it looked only at the exit code.
    [Theory]
    [InlineData("kill -KILL $$", "crashed")]
    [InlineData("exit 111", "failed")]
    public void Stage2CrashingOrExiting111IsRestartedAndItsGroupKilled(string fail, string how)
    {
        using var r = new InitRoot();
        // First run: leave a process in stage 2's process group, then fail.
        // Second run: stay up.
        r.Stages(stage2: "if [ ! -e /ran ]; then touch /ran; sleep 1000 & echo $! >/bg; " + fail + "; fi\nexec sleep 1000");
        r.Boot();
        r.WaitOutput("- runit: warning: restarting.\n");
        r.WaitLog("stage2\nstage2\n");
        Assert.Equal("stage1\nstage2\nstage2\n", r.Read("/log"));
        Assert.Contains("- runit: enter stage: /etc/runit/2\n" +
            $"- runit: warning: child {how}: /etc/runit/2\n" +
            "- runit: warning: killing all processes in stage 2...\n" +
            "- runit: warning: restarting.\n" +
            "- runit: enter stage: /etc/runit/2\n", r.Output);
        string bg = r.Read("/bg").Trim();
        Assert.NotEqual(0, r.Enter("/bin/kill", "-0", bg).ExitCode);
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\nstage2\nstage2\nstage3\n", r.Read("/log"));
    }

    [Fact]
    public void SignalsOnlyWorkInStage2()
    {
        using var r = new InitRoot();
        r.Stages(stage1: "touch /etc/runit/stopit; chmod 100 /etc/runit/stopit; kill -CONT 1; while [ ! -e /go ]; do sleep 0.05; done");
        r.Boot();
        r.WaitOutput("- runit: warning: signals only work in stage 2.\n");
        System.IO.File.WriteAllText(r.Host("/go"), "");
        r.WaitLog("stage2");
        Assert.False(r.Exited);
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
    }

    [Fact]
    public void ContWithoutExecutableStopitDoesNothing()
    {
        using var r = new InitRoot();
        r.Stages();
        System.IO.File.WriteAllText(r.Host("/etc/runit/stopit"), "");
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal(0, r.Enter("/bin/kill", "-CONT", "1").ExitCode);
        Assert.Equal(0, r.Enter("/bin/kill", "-INT", "1").ExitCode); // no ctrlaltdel either
        // Nothing to wait for when nothing is meant to happen: give runit a moment.
        System.Threading.Thread.Sleep(500);
        Assert.False(r.Exited);
        Assert.DoesNotContain("leave stage: /etc/runit/2", r.Output);
        Assert.Equal(0, r.Init("6"));
        Assert.Equal(128 + 1, r.WaitExit());
    }

    [Fact]
    public void CtrlAltDelRunsTheScriptThenShutsDown()
    {
        using var r = new InitRoot();
        r.Stages();
        // As Debian's and runit's own ctrlaltdel do: ask for a reboot.
        r.Script("/etc/runit/ctrlaltdel", "echo ctrlaltdel >>/log\n/sbin/runit-init 6 && chmod 100 /etc/runit/stopit");
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal(0, r.Enter("/bin/kill", "-INT", "1").ExitCode);
        Assert.Equal(128 + 1, r.WaitExit());
        Assert.Equal("stage1\nstage2\nctrlaltdel\nstage3\n", r.Read("/log"));
        Assert.Contains("- runit: enter stage: /etc/runit/2\n" +
            "- runit: ctrl-alt-del request...\n" +
            "- runit: enter stage: /etc/runit/ctrlaltdel\n" +
            "- runit: leave stage: /etc/runit/ctrlaltdel\n" +
            "- runit: leave stage: /etc/runit/2\n" +
            "- runit: enter stage: /etc/runit/3\n", r.Output);
    }

    [Fact]
    public void Stage2IgnoringTermIsKilledAfterFiveSeconds()
    {
        using var r = new InitRoot();
        r.Stages(stage2: "trap '' TERM\nwhile :; do sleep 1; done");
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Contains("- runit: warning: stage 2 not terminated, sending sigkill...\n" +
            "- runit: leave stage: /etc/runit/2\n", r.Output);
    }
}
