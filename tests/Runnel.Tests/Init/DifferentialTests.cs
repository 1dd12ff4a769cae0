using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>
/// The same boot with Debian's C runit and with runnel as process 1: the same
/// stages run and runit prints the same lines (version string aside).
/// </summary>
public class DifferentialTests
{
    [Theory]
    [InlineData("", "exit 0", false)]
    [InlineData("exit 100", "exit 0", false)]
    [InlineData("exit 1", "exit 3", false)]
    [InlineData("", "exit 0", true)]
    public void SameStagesAndMessagesAsC(string stage1, string stage2, bool noStage1)
    {
        (string log, string output) c = Boot("/crunit/sbin/runit", stage1, stage2, noStage1);
        (string log, string output) n = Boot("/sbin/runit", stage1, stage2, noStage1);
        Assert.Equal(c.log, n.log);
        Assert.Equal(c.output, n.output);
    }

    // runit 2.3.0 ("really restart stage 2 if it crashed") counts a crash as a
    // failure; Debian's 2.1.2 looked only at the exit code, which reads 0 after a
    // crash, so it went on as if the stage had succeeded. 2.3.0 wins.
    [Fact]
    public void CrashedStage1SkipsStage2UnlikeDebian212()
    {
        (string log, string output) c = Boot("/crunit/sbin/runit", "kill -SEGV $$", "exit 0", false);
        (string log, string output) n = Boot("/sbin/runit", "kill -SEGV $$", "exit 0", false);
        Assert.Equal("stage1\nstage2\nstage3\n", c.log);
        Assert.Equal("stage1\nstage3\n", n.log);
        Assert.Contains("- runit: warning: child crashed: /etc/runit/1\n", n.output);
    }

    private static (string, string) Boot(string init, string stage1, string stage2, bool noStage1)
    {
        using var r = new InitRoot();
        r.Stages(stage1: stage1, stage2: stage2, stage3: "echo in stage 3");
        if (noStage1) File.Delete(r.Host("/etc/runit/1"));
        r.Boot(init);
        Assert.Equal(128 + 2, r.WaitExit());
        return (r.Read("/log"), Regex.Replace(r.Output, @"\$Id: [^$]*\$", "$Id$"));
    }
}
