using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsv;

/// <summary>What runsv sets up and reports when it starts; every case runs against C and runnel.</summary>
public class RunsvStartupTests
{
    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void UsageWithoutArgumentsExits1(Flavour f)
    {
        var r = Cmd.Run(f.Tool("runsv"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("usage: " + f.Tool("runsv") + " dir\n\n", r.Stderr);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void StartsRunAndPublishesSuperviseFiles(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(f, t["svc"]);
        int pid = rs.WaitRunning();

        Assert.Equal("run\n", rs.Stat());
        Assert.Equal($"{pid}\n", File.ReadAllText(rs.Path("supervise/pid")));
        StatusRecord st = rs.Status();
        Assert.Equal(pid, st.Pid);
        Assert.Equal('u', st.Want);
        Assert.Equal(ServiceState.Run, st.State);
        Assert.False(st.Paused);
        Assert.False(st.GotTerm);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(rs.Path("supervise")));
        foreach (string fifo in new[] { "control", "ok" })
        {
            var info = new FileInfo(rs.Path("supervise/" + fifo));
            Assert.True(info.Exists, fifo);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, info.UnixFileMode);
            Assert.Equal("p", Cmd.Sh($"stat -c %A '{info.FullName}' | cut -c1").Stdout.Trim());
        }
        Assert.True(File.Exists(rs.Path("supervise/lock")));
        Assert.Empty(rs.Stderr);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void DownFileKeepsServiceDown(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        t.Write("svc/down", "");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitStat("down\n");
        Assert.Equal("", File.ReadAllText(rs.Path("supervise/pid")));
        StatusRecord st = rs.Status();
        Assert.Equal(0, st.Pid);
        Assert.Equal('d', st.Want);
        Assert.Equal(ServiceState.Down, st.State);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void SecondRunsvOnTheSameDirFails(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        var r = Cmd.Run(f.Tool("runsv"), t["svc"]);
        Assert.Equal(111, r.ExitCode);
        Assert.Equal($"runsv {t["svc"]}: fatal: unable to lock supervise/lock: temporary failure\n", r.Stderr);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void MissingDirectoryIsFatal(Flavour f)
    {
        using var t = new TempDir();
        var r = Cmd.Run(f.Tool("runsv"), t["nope"]);
        Assert.Equal(111, r.ExitCode);
        Assert.Equal($"runsv {t["nope"]}: fatal: unable to change to directory: file does not exist\n", r.Stderr);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void DanglingSuperviseSymlinkGetsItsTargetCreated(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        t.Script("svc/log/run", "exec cat >/dev/null");
        Directory.CreateDirectory(t["run"]);
        File.CreateSymbolicLink(t["svc/supervise"], t["run/svc"]);
        File.CreateSymbolicLink(t["svc/log/supervise"], "../../run/svc-log");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        rs.WaitRunning(sup: "log/supervise");
        Assert.True(File.Exists(t["run/svc/status"]));
        Assert.True(File.Exists(t["run/svc-log/status"]));
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void LogThatIsNotADirectoryIsWarnedAbout(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        t.Write("svc/log", "");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        Wait.Until(() => rs.Stderr.Length > 0, "warning");
        Assert.Equal($"runsv {t["svc"]}: warning: ./log: not a directory.\n", rs.Stderr);
        Assert.False(Directory.Exists(t["svc/log/supervise"]));
    }
}
