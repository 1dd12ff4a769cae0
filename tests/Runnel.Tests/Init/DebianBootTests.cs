using System.IO;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>
/// A real Debian system under qemu (tests/boot/debian/boot.sh): a debootstrap'ed
/// bookworm root with runit-init, runit-services, cron and ssh, runnel's .deb
/// installed over runit, Debian's kernel, the serial line as console. One boot
/// ends with `init 0` (power off), one with `init 6` (reboot); before that the
/// guest checks Debian's stage 1, runsvdir -P /etc/service, that cron and ssh
/// run under runnel's runsv, the process tree, cpsv + update-service --add of
/// a stock service, sv restart and update-service --remove/--add. The script
/// asserts every step in order on the console, through stage 3.
/// </summary>
public class DebianBootTests
{
    [Fact]
    public void DebianWithRunnelBootsSupervisesAndShutsDown()
    {
        string script = Path.Combine(Paths.RepoRoot, "tests", "boot", "debian", "boot.sh");
        CmdResult r = Cmd.Run("/bin/bash", new[] { script, "-i", "runnel", "0", "6" }, timeoutMs: 900_000);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("boot-debian: 0: ok", r.Stdout);
        Assert.Contains("boot-debian: 6: ok", r.Stdout);
    }
}
