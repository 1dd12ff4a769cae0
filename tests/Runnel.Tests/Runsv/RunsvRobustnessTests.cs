using System;
using System.IO;
using System.Linq;
using System.Threading;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsv;

/// <summary>runnel runsv under abuse: it keeps supervising whatever happens.</summary>
public class RunsvRobustnessTests
{
    private static int[] Zombies(int parent) =>
        Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)).Where(n => n.All(char.IsDigit))
            .Select(n => { try { return File.ReadAllText($"/proc/{n}/stat"); } catch (IOException) { return ""; } })
            .Select(s => s.Length == 0 ? null : s[(s.LastIndexOf(')') + 2)..].Split(' '))
            .Where(f => f != null && f[0] == "Z" && f[1] == parent.ToString())
            .Select(f => int.Parse(f![1])).ToArray();

    private static int FdCount(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    [Fact]
    public void InstantExitLoopFor30SecondsHoldsTheThrottleAndLeaksNothing()
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo x >> starts; exit 0");
        t.Script("svc/finish", "exit 0");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        Wait.Until(() => File.Exists(t["svc/starts"]), "first start");
        Thread.Sleep(2000);
        int fds = FdCount(rs.Process.Id);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int before = File.ReadAllLines(t["svc/starts"]).Length;
        Thread.Sleep(28_000);
        int starts = File.ReadAllLines(t["svc/starts"]).Length - before;
        Assert.InRange(starts, 20, (int)sw.Elapsed.TotalSeconds + 1);
        Assert.Equal(fds, FdCount(rs.Process.Id));
        Assert.Empty(Zombies(rs.Process.Id));
        Assert.False(rs.Exited);
        Assert.Empty(rs.Stderr);
    }

    /// <summary>
    /// 2000 control/h children exit while ./run itself dies every 1.1 s: every
    /// SIGCHLD is accounted for, no zombie stays, the service is restarted each time.
    /// </summary>
    [Fact]
    public void ThousandsOfChildExitsLoseNoSigchld()
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo x >> starts; sleep 1.1");
        t.Script("svc/control/h", "echo >> h.log; exit 0");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        rs.WaitRunning();
        for (int i = 0; i < 20; i++) rs.Control(new string('h', 100));
        Wait.Until(() => File.Exists(t["svc/h.log"]) && File.ReadAllLines(t["svc/h.log"]).Length == 2000,
            "2000 control/h runs", 300_000);
        int starts = File.ReadAllLines(t["svc/starts"]).Length;
        Wait.Until(() => File.ReadAllLines(t["svc/starts"]).Length >= starts + 2, "restarts continue", 10_000);
        Wait.Until(() => Zombies(rs.Process.Id).Length == 0, "no zombie", 5000);
        Assert.False(rs.Exited);
    }

    [Fact]
    public void GarbageAndHugeControlWritesAreHarmless()
    {
        using var t = new TempDir();
        t.Script("svc/run", "trap 'echo HUP >> sigs' HUP; while :; do sleep 0.02; done");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        var rnd = new Random(1);
        byte[] junk = new byte[1 << 20];
        rnd.NextBytes(junk);
        const string commands = "udoxptckhai12q";
        for (int i = 0; i < junk.Length; i++)
            while (commands.Contains((char)junk[i])) junk[i] = (byte)rnd.Next(256);
        File.WriteAllBytes(rs.Path("supervise/control"), junk);
        rs.Control("h");
        Wait.Until(() => File.Exists(t["svc/sigs"]), "HUP after 1 MB of garbage");
        Assert.Equal(pid, rs.Pid());
        Assert.False(rs.Exited);
    }

    /// <summary>C runsv never recreates a removed supervise/ and sv fails from then on.</summary>
    [Fact]
    public void RemovedSuperviseDirIsRecreatedAtTheNextStateChange()
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        t.Script("svc/log/run", "exec cat > /dev/null");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        int logPid = rs.WaitRunning(sup: "log/supervise");
        Directory.Delete(t["svc/supervise"], recursive: true);
        Directory.Delete(t["svc/log/supervise"], recursive: true);
        Cmd.Sh($"kill {pid} {logPid}");
        pid = rs.WaitRunning(pid);
        logPid = rs.WaitRunning(logPid, "log/supervise");
        var r = Cmd.Run(Paths.CTool("sv"), "status", t["svc"]);
        Assert.StartsWith($"run: {t["svc"]}: (pid {pid})", r.Stdout);
        Assert.Contains($"; run: log: (pid {logPid})", r.Stdout);
        // The new lock is held: a second runsv still refuses.
        Assert.Equal(111, Cmd.Run(Paths.Tool("runsv"), t["svc"]).ExitCode);
        rs.Control("d");
        rs.WaitStat("down\n");
    }

    /// <summary>supervise/ on a full tmpfs: runsv warns, keeps supervising, and catches up once there is room.</summary>
    [Fact]
    public void FullDiskForSuperviseIsSurvived()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["fs"]);
        var m = Cmd.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", t["fs"]);
        Assert.True(m.ExitCode == 0, m.ToString());
        try
        {
            t.Script("svc/run", "exec sleep 1000");
            File.CreateSymbolicLink(t["svc/supervise"], t["fs/svc"]);
            using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
            int pid = rs.WaitRunning();
            Cmd.Sh($"dd if=/dev/zero of={t["fs/fill"]} bs=4k 2>/dev/null; true");
            // Files rewritten via .new need new blocks: down cannot be recorded now.
            rs.Control("d");
            Wait.Until(() => rs.Stderr.Contains("out of disk space"), "warning");
            Wait.Until(() => !Directory.Exists($"/proc/{pid}"), "service stopped and reaped");
            Assert.False(rs.Exited);
            File.Delete(t["fs/fill"]);
            rs.WaitStat("down\n");
            rs.Control("u");
            rs.WaitRunning(pid);
        }
        finally
        {
            Cmd.Run("umount", "-l", t["fs"]);
        }
    }
}
