using System.IO;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// Debian's sv is built with /etc/service/ as its services directory (Debian
/// patch 0001); runnel's sv finds it there when $SVDIR is unset and there is no
/// /service/. Run chrooted (host /usr bound read-only) in a private mount
/// namespace, against Debian's C sv in the same root.
/// </summary>
public class SvDebianDirTests
{
    private static string Status(string sv, bool withSlashService)
    {
        using var d = new TempDir("runnel-sv-etc");
        foreach (string dir in new[] { "usr", "rbin", "crunit", "etc/service/foo" })
            Directory.CreateDirectory(d[dir]);
        if (withSlashService) Directory.CreateDirectory(d["service/bar"]);
        foreach (string l in new[] { "bin", "lib", "lib64" })
            File.CreateSymbolicLink(d[l], "usr/" + l);
        string r = d.Path;
        string script = $"mount --rbind /usr {r}/usr && mount --bind {Paths.RunnelBin} {r}/rbin && " +
            $"mount --bind {Paths.CRunitRoot} {r}/crunit && exec /usr/sbin/chroot {r} /usr/bin/env -i {sv} status foo bar";
        CmdResult res = Cmd.Run("/usr/bin/unshare", "-m", "--propagation", "private", "/bin/sh", "-c", script);
        return res.ExitCode + "\n" + res.Stdout + res.Stderr;
    }

    [Fact]
    public void EtcServiceIsTheDefaultAsInDebiansSv()
    {
        string c = Status("/crunit/usr/bin/sv", withSlashService: false);
        string n = Status("/rbin/sv", withSlashService: false);
        // foo is found in /etc/service (no runsv: supervise/ok is missing), bar is not there.
        Assert.Equal("2\nwarning: foo: unable to open supervise/ok: file does not exist\n" +
            "fail: bar: unable to change to service directory: file does not exist\n", c);
        Assert.Equal(c, n);
    }

    [Fact]
    public void SlashServiceComesFirstWhenItExists()
    {
        // runit 2.3.0's own default; Debian systems have no /service/.
        string n = Status("/rbin/sv", withSlashService: true);
        Assert.Equal("2\nfail: foo: unable to change to service directory: file does not exist\n" +
            "warning: bar: unable to open supervise/ok: file does not exist\n", n);
    }
}
