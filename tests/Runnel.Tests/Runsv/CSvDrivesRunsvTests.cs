using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsv;

/// <summary>
/// Debian's C sv drives a runsv through every command; C runsv and runnel
/// runsv must produce the same transcript (pids and seconds normalised).
/// </summary>
public class CSvDrivesRunsvTests
{
    private static readonly string[][] Script =
    [
        ["status"], ["-w", "5", "down"], ["status"], ["-w", "5", "up"], ["status"],
        ["pause"], ["status"], ["cont"], ["status"], ["hup"], ["alarm"], ["interrupt"],
        ["quit"], ["1"], ["2"], ["-w", "5", "restart"], ["status"], ["once"], ["status"],
        ["term"], ["-w", "5", "check"], ["kill"], ["-w", "5", "start"], ["-w", "5", "stop"],
        ["status"], ["-w", "5", "force-restart"], ["status"], ["reload"], ["-w", "5", "try-restart"],
        ["-w", "5", "force-stop"], ["status"], ["-w", "5", "start"], ["exit"],
    ];

    private static List<string> Transcript(Flavour runsv)
    {
        using var t = new TempDir();
        // Traps keep the service alive through the signal commands; TERM ends it.
        t.Script("svc/run", "for s in HUP INT QUIT USR1 USR2 ALRM; do trap : $s; done\nexec 2>&1\nwhile :; do sleep 0.05; done");
        t.Script("svc/log/run", "exec cat > /dev/null");
        using var rs = new RunsvProcess(runsv, t["svc"]);
        rs.WaitRunning();
        rs.WaitRunning(sup: "log/supervise");
        System.Threading.Thread.Sleep(1100); // past the restart throttle
        var lines = new List<string>();
        foreach (string[] cmd in Script)
        {
            // sv's restart check compares whole seconds: a service started in the
            // same second as sv passes it before runsv has even read the command.
            if (cmd[^1].Contains("restart")) System.Threading.Thread.Sleep(1100);
            var args = new List<string>(cmd) { t["svc"] };
            var r = Cmd.Run(Paths.CTool("sv"), args);
            string outp = Regex.Replace(r.Stdout + r.Stderr, @"\(pid \d+\)", "(pid N)");
            outp = Regex.Replace(outp, @"\d+s", "Ns").Replace(t["svc"], "SVC");
            lines.Add($"sv {string.Join(' ', cmd)} => {r.ExitCode}: {outp.TrimEnd()}");
            Settle(rs);
        }
        Wait.Until(() => rs.Exited, "runsv exit", 10_000);
        lines.Add($"runsv exit {rs.Process.ExitCode}");
        return lines;
    }

    /// <summary>
    /// sv without -w returns before runsv acted: wait until the command left the
    /// FIFO and the supervise/ files stayed the same for 150 ms.
    /// </summary>
    private static void Settle(RunsvProcess rs)
    {
        string Snapshot() => rs.Stat() + rs.Pid() + rs.Stat("log/supervise");
        string last = Snapshot();
        long stableSince = Environment.TickCount64;
        Wait.Until(() =>
        {
            string now = Snapshot();
            if (now != last) { last = now; stableSince = Environment.TickCount64; }
            return Environment.TickCount64 - stableSince >= 150;
        }, "supervise/ settled");
    }

    [Fact]
    public void SameTranscriptForCAndRunnelRunsv()
    {
        var c = Transcript(Flavour.C);
        var r = Transcript(Flavour.Runnel);
        string cs = string.Join('\n', c), rs = string.Join('\n', r);
        Assert.True(cs == rs, $"C runsv:\n{cs}\n\nrunnel runsv:\n{rs}");
        Assert.Contains(c, l => l.StartsWith("sv status => 0: run: SVC: (pid N) Ns; run: log: (pid N) Ns"));
    }
}
