using System.IO;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>
/// Debian's patches to runit, against Debian's C runit and runit-init booted in
/// the same root: stopit and reboot in /run (made by Debian's stage 1), and
/// SIGALRM to process 1 forwarded to stage 2's process.
/// </summary>
public class DebianTests
{
    private const string CInit = "/crunit/lib/runit/runit-init";
    private const string DebianStage1 = "install -m000 /dev/null /run/runit.stopit\ninstall -m000 /dev/null /run/runit.reboot";

    private static string Normalized(InitRoot r) => Regex.Replace(r.Output, @"\$Id: [^$]*\$", "$Id$");

    /// <summary>Boots runit (C or runnel), runs runit-init ARG (the same flavour), returns the verdict, log, output and the files' modes.</summary>
    private static (int exit, string log, string output, string files) ShutDown(bool c, string arg, string stage1 = DebianStage1)
    {
        using var r = new InitRoot();
        r.Stages(stage1: stage1);
        r.Boot(c ? "/crunit/sbin/runit" : "/sbin/runit");
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init(arg, c ? CInit : "/sbin/runit-init"));
        int exit = r.WaitExit();
        string files = "";
        foreach (string f in new[] { "/run/runit.stopit", "/run/runit.reboot", "/etc/runit/stopit", "/etc/runit/reboot" })
            files += f + "=" + (File.Exists(r.Host(f)) ? System.Convert.ToString((int)File.GetUnixFileMode(r.Host(f)), 8) : "-") + " ";
        return (exit, r.Read("/log"), Normalized(r), files);
    }

    [Theory]
    [InlineData("0", 128 + 2)] // halt/power off: the kernel ends the namespace's init with SIGINT
    [InlineData("6", 128 + 1)] // reboot: SIGHUP
    public void StopitAndRebootInRunAsDebian(string arg, int verdict)
    {
        var c = ShutDown(true, arg);
        var n = ShutDown(false, arg);
        Assert.Equal(verdict, c.exit);
        Assert.Equal(c, n);
        // runit-init wrote the /run pair only; runit chmodded stopit back to 0.
        Assert.Equal($"/run/runit.stopit=0 /run/runit.reboot={(arg == "6" ? "100" : "0")} /etc/runit/stopit=- /etc/runit/reboot=- ", n.files);
    }

    [Fact]
    public void WithoutDebiansStage1TheEtcFilesAreUsed()
    {
        var n = ShutDown(false, "6", stage1: "");
        Assert.Equal(128 + 1, n.exit);
        Assert.Equal("/run/runit.stopit=- /run/runit.reboot=- /etc/runit/stopit=0 /etc/runit/reboot=100 ", n.files);
    }

    [Fact]
    public void AStaleEtcRebootDoesNotTurnADebianHaltIntoAReboot()
    {
        var n = ShutDown(false, "0", stage1: DebianStage1 + "\ninstall -m100 /dev/null /etc/runit/reboot");
        Assert.Equal(128 + 2, n.exit);
        Assert.Contains("/etc/runit/reboot=0 ", n.files);
    }

    [Fact]
    public void EitherStopitIsHonouredByProcess1()
    {
        // Debian's stage 1 made /run/runit.stopit, but an upstream-style tool set /etc/runit/stopit.
        using var r = new InitRoot();
        r.Stages(stage1: DebianStage1);
        r.Boot("/sbin/runit");
        r.WaitLog("stage2");
        File.WriteAllText(r.Host("/etc/runit/stopit"), "");
        File.SetUnixFileMode(r.Host("/etc/runit/stopit"), UnixFileMode.UserExecute);
        File.WriteAllText(r.Host("/init.pending"), "");
        r.Enter("/bin/kill", "-CONT", "1");
        r.WaitLog("stage3");
        File.Delete(r.Host("/init.pending"));
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(r.Host("/etc/runit/stopit")));
    }

    private static (string log, string output) Alarm(bool c)
    {
        using var r = new InitRoot();
        // Stage 2's own process traps ALRM; a child in its process group does too and must not get one.
        r.Stages(stage1: "while [ ! -e /go ]; do sleep 0.05; done",
            stage2: "trap 'echo alrm >>/log' ALRM\n(trap 'echo child-alrm >>/log' ALRM; while :; do sleep 0.05; done) &\n" +
                    "echo ready >>/log\nwhile :; do sleep 0.05; done");
        r.Boot(c ? "/crunit/sbin/runit" : "/sbin/runit");
        // In stage 1, ALRM is one of the signals that "only work in stage 2".
        r.WaitLog("stage1");
        r.Enter("/bin/kill", "-ALRM", "1");
        r.WaitOutput("signals only work in stage 2.");
        File.WriteAllText(r.Host("/go"), "");
        r.WaitLog("ready");
        r.Enter("/bin/kill", "-ALRM", "1");
        r.WaitLog("alrm");
        Assert.Equal(0, r.Init("0", c ? CInit : "/sbin/runit-init"));
        Assert.Equal(128 + 2, r.WaitExit());
        return (r.Read("/log"), Normalized(r));
    }

    [Fact]
    public void AlrmToProcess1GoesToStage2sProcessAsDebian()
    {
        var c = Alarm(true);
        var n = Alarm(false);
        Assert.Equal("stage1\nstage2\nready\nalrm\nstage3\n", n.log);
        Assert.Equal(c, n);
    }

    [Theory]
    [InlineData("reboot", 128 + 1)]
    [InlineData("poweroff", 128 + 2)]
    [InlineData("halt", 128 + 2)]
    public void DebiansShutdownCommandsWorkWithRunnelAsInit(string command, int verdict)
    {
        // runit-init's /sbin/{reboot,poweroff,halt} -> /lib/runit/shutdown: with /run/runit.stopit
        // present (runit is init) it execs /sbin/init 6 or 0, here runnel's runit-init.
        using var r = new InitRoot();
        r.Stages(stage1: DebianStage1);
        File.CreateSymbolicLink(r.Host("/sbin/init"), "/rbin/runit-init");
        File.CreateSymbolicLink(r.Host("/sbin/" + command), "/crunit/lib/runit/shutdown");
        r.Boot("/sbin/runit");
        r.WaitLog("stage2");
        Assert.Equal(0, r.Init("", "/sbin/" + command));
        Assert.Equal(verdict, r.WaitExit());
    }

    [Fact]
    public void DpkgTriggersAlrmReachesRunsvdirInStage2()
    {
        // Debian's /etc/runit/2 execs runsvdir; trigger_sv's `kill -s ALRM 1` must make it
        // rescan, which it records in /service/.forced-rescan.
        using var r = new InitRoot();
        r.Script("/service/a/run", "echo a-up >>/log\nexec sleep 1000");
        r.Stages(stage1: DebianStage1,
            stage2: "exec env - PATH=/rbin:/usr/bin:/bin runsvdir -P /service 'log: ..........'");
        r.Boot("/sbin/runit");
        r.WaitLog("a-up");
        Assert.False(File.Exists(r.Host("/service/.forced-rescan")));
        r.Enter("/bin/sh", "-c", "[ -f /run/runit.stopit ] && kill -s ALRM 1");
        string label = Wait.For(() => r.Read("/service/.forced-rescan"), l => l.Length > 0, ".forced-rescan");
        Assert.Matches("^@4000000[0-9a-f]{17}$", label);
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
    }
}
