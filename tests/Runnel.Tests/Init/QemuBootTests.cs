using System.IO;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>
/// A real boot under qemu (tests/boot/qemu-boot.sh): Debian's kernel, a busybox
/// initramfs, runnel as /sbin/init and /sbin/runit. One boot halts with
/// `runit-init 0`; one gets ctrl-alt-del on the emulated keyboard and reboots
/// through /etc/runit/ctrlaltdel (`runit-init 6`). The script asserts every
/// step on the serial console.
/// </summary>
public class QemuBootTests
{
    [Fact]
    public void BootsSupervisesAndShutsDownUnderQemu()
    {
        string script = Path.Combine(Paths.RepoRoot, "tests", "boot", "qemu-boot.sh");
        CmdResult r = Cmd.Run("/bin/bash", new[] { script, "0", "cad" }, timeoutMs: 600_000);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("qemu-boot: 0: ok", r.Stdout);
        Assert.Contains("qemu-boot: cad: ok", r.Stdout);
    }
}
