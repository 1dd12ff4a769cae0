using System.IO;
using System.Linq;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsv;

/// <summary>The control FIFO protocol, byte by byte, against C and runnel.</summary>
public class RunsvControlTests
{
    private const string Trapper =
        "for s in HUP INT QUIT USR1 USR2 ALRM TERM CONT; do trap \"echo $s >> sigs\" $s; done\n" +
        "echo started >> sigs\nwhile :; do sleep 0.02; done";

    private static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void SignalCommandsReachTheService(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", Trapper);
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        Wait.Until(() => Lines(t["svc/sigs"]).Contains("started"), "trap set");
        string[] expected = ["HUP", "ALRM", "INT", "QUIT", "USR1", "USR2", "TERM", "CONT"];
        string cmds = "haiq12tc";
        for (int i = 0; i < cmds.Length; i++)
        {
            rs.Control(cmds[i].ToString());
            int want = i + 2;
            Wait.Until(() => Lines(t["svc/sigs"]).Length >= want, $"signal for {cmds[i]}");
        }
        Assert.Equal(expected, Lines(t["svc/sigs"]).Skip(1));
        Assert.Equal("run, got TERM\n", rs.Stat()); // t sets the flag; the trap kept it running
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void DownUpOnceAndExit(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo start >> starts; exec sleep 1000");
        using var rs = new RunsvProcess(f, t["svc"]);
        void Started(int n) => Wait.Until(() => Lines(t["svc/starts"]).Length == n, $"{n} starts");
        int pid = rs.WaitRunning();
        Started(1);
        rs.Control("d");
        rs.WaitStat("down\n");
        Assert.Equal('d', rs.Status().Want);
        Assert.Equal(0, rs.Pid());
        Assert.False(Directory.Exists($"/proc/{pid}"));

        rs.Control("u");
        pid = rs.WaitRunning(pid);
        Started(2);
        Assert.Equal('u', rs.Status().Want);

        rs.Control("o");
        rs.WaitStat("run, want down\n");
        Cmd.Sh($"kill {pid}");
        rs.WaitStat("down\n");
        rs.Control("o");
        pid = rs.WaitRunning(pid);
        Started(3);
        Assert.Equal("run, want down\n", rs.Stat());

        rs.Control("x");
        Assert.True(rs.Process.WaitForExit(10_000));
        Assert.Equal(0, rs.Process.ExitCode);
        Assert.Equal("down\n", rs.Stat());
        Assert.Equal(3, Lines(t["svc/starts"]).Length);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void PauseContinueAndKill(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(f, t["svc"]);
        int pid = rs.WaitRunning();
        rs.Control("p");
        rs.WaitStat("run, paused\n");
        Wait.Until(() => rs.Status().Paused, "paused in status");
        Wait.Until(() => File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "T", "stopped");
        rs.Control("c");
        rs.WaitStat("run\n");
        Wait.Until(() => File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "S", "continued");
        rs.Control("k");
        rs.WaitRunning(pid);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void RunsvTermActsAsExitAndStopsTheLogLast(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo hello; exec sleep 1000");
        t.Script("svc/log/run", "exec cat > out");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        rs.WaitRunning(sup: "log/supervise");
        Wait.Until(() => File.Exists(t["svc/log/out"]) && File.ReadAllText(t["svc/log/out"]) == "hello\n", "log line");
        Cmd.Sh($"kill -TERM {rs.Process.Id}");
        Assert.True(rs.Process.WaitForExit(10_000));
        Assert.Equal(0, rs.Process.ExitCode);
        Assert.Equal("down\n", rs.Stat());
        Assert.Equal("down\n", rs.Stat("log/supervise"));
        Assert.Equal('d', rs.Status("log/supervise").Want);
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void ControlScriptsOverrideSignals(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", Trapper);
        t.Script("svc/control/h", "echo h >> control.log; exit 0");   // replaces HUP
        t.Script("svc/control/a", "echo a >> control.log; exit 1");   // ALRM still sent
        t.Script("svc/control/t", "echo t >> control.log; exit 0");   // no TERM on down
        t.Script("svc/control/d", "echo d >> control.log; exit 1");   // runs after, status ignored
        t.Script("svc/control/u", "echo u >> control.log");
        using var rs = new RunsvProcess(f, t["svc"]);
        rs.WaitRunning();
        Wait.Until(() => Lines(t["svc/sigs"]).Contains("started"), "trap set");
        rs.Control("h");
        Wait.Until(() => Lines(t["svc/control.log"]).Contains("h"), "control/h");
        rs.Control("a");
        Wait.Until(() => Lines(t["svc/sigs"]).Contains("ALRM"), "ALRM");
        rs.Control("d");
        Wait.Until(() => Lines(t["svc/control.log"]).Contains("d"), "control/d");
        Wait.Until(() => Lines(t["svc/sigs"]).Contains("CONT"), "CONT");
        Assert.Equal(new[] { "u", "h", "a", "t", "d" }, Lines(t["svc/control.log"]));
        Assert.Equal(new[] { "started", "ALRM", "CONT" }, Lines(t["svc/sigs"]));
        Assert.Equal("run, want down\n", rs.Stat());
    }

    [Theory]
    [InlineData(Flavour.C)]
    [InlineData(Flavour.Runnel)]
    public void UnknownBytesAreIgnored(Flavour f)
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(f, t["svc"]);
        int pid = rs.WaitRunning();
        File.WriteAllBytes(rs.Path("supervise/control"), [0, 0xff, (byte)'z', (byte)'U', (byte)'\n', (byte)'D', (byte)'X']);
        rs.Control("c"); // a known command after the garbage is still obeyed
        System.Threading.Thread.Sleep(200);
        Assert.Equal(pid, rs.Pid());
        Assert.Equal("run\n", rs.Stat());
        Assert.False(rs.Exited);
    }

    /// <summary>
    /// C runsv sleeps a second after each quick death and reads one control
    /// byte per loop: 200 queued t then d take it minutes. runnel obeys them at once.
    /// </summary>
    [Fact]
    public void QueuedCommandsAreObeyedDuringTheRestartDelay()
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        rs.WaitRunning();
        rs.Control(new string('t', 200) + "d");
        rs.WaitStat("down\n", timeoutMs: 5000);
        Assert.Equal('d', rs.Status().Want);
    }
}
