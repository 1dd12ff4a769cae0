using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>A whole supervision tree under runit: stage 2 runs runsvdir, services come up and go down.</summary>
public class ServiceTests
{
    [Fact]
    public void Stage2RunsRunsvdirAndServicesComeUpThenShutDown()
    {
        using var r = new InitRoot();
        // Debian's C runsvdir/runsv/sv until runnel's are on main.
        r.Stages(
            stage2: "PATH=/crunit/usr/bin:/usr/bin:/bin\nexport PATH\nexec env - PATH=$PATH runsvdir -P /service 'log: ...........'",
            stage3: "/crunit/usr/bin/sv -w 10 force-stop /service/* >>/log 2>&1");
        foreach (string s in new[] { "a", "b" })
            r.Script($"/service/{s}/run", $"echo up {s} >>/svc.log\nexec sleep 1000");
        r.Boot();
        Wait.For(() => r.Read("/svc.log"), l => l.Contains("up a") && l.Contains("up b"), "services up", 20_000);
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
        string log = r.Read("/log");
        Assert.StartsWith("stage1\nstage2\nstage3\n", log);
        Assert.Contains("- runit: leave stage: /etc/runit/2\n", r.Output);
    }
}
