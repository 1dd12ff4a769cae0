using Xunit;

namespace Runnel.Tests.Init;

/// <summary>
/// Debian's runit keeps stopit and reboot in /run (its /etc/runit/1 creates
/// them, mode 0; its /etc/runit/3 runs rc6.d when reboot has mode 100, else
/// rc0.d). runit-init 0/6 sets their modes as Debian's runit-init does, as
/// well as runit's own /etc/runit/stopit and /etc/runit/reboot.
/// </summary>
public class DebianPathsTests
{
    private const string DebianStage1 =
        "mkdir -p /run && : >/run/runit.stopit && : >/run/runit.reboot && chmod 0 /run/runit.stopit /run/runit.reboot\n";
    private const string LogModes = "stat -c '%n %a' /run/runit.stopit /run/runit.reboot >>/log\n";

    [Theory]
    [InlineData("6", 128 + 1, "/run/runit.reboot 100")]
    [InlineData("0", 128 + 2, "/run/runit.reboot 0")]
    public void RunitInitSetsDebiansRunFiles(string arg, int exit, string reboot)
    {
        using var r = new InitRoot();
        r.Stages(stage1: DebianStage1, stage3: LogModes);
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init(arg));
        Assert.Equal("", r.Read("/init.err"));
        Assert.Equal(exit, r.WaitExit());
        Assert.Contains("stage3\n/run/runit.stopit 100\n" + reboot + "\n", r.Read("/log"));
    }

    [Fact]
    public void RunitInitLeavesDebiansFilesAbsentWhenStage1DidNotMakeThem()
    {
        using var r = new InitRoot();
        r.Stages(stage1: "mkdir -p /run\n", stage3: "ls /run >>/log\n");
        r.Boot();
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init("6"));
        Assert.Equal(128 + 1, r.WaitExit());
        Assert.EndsWith("stage3\n", r.Read("/log"));
    }
}
