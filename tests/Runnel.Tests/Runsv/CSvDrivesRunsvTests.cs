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
            var args = new List<string>(cmd) { t["svc"] };
            var r = Cmd.Run(Paths.CTool("sv"), args);
            string outp = Regex.Replace(r.Stdout + r.Stderr, @"\(pid \d+\)", "(pid N)");
            outp = Regex.Replace(outp, @"\d+s", "Ns").Replace(t["svc"], "SVC");
            lines.Add($"sv {string.Join(' ', cmd)} => {r.ExitCode}: {outp.TrimEnd()}");
            if (cmd[0] is "pause" or "cont" or "term" or "kill" or "once" or "-w")
                Wait.Until(() => !rs.Stat().StartsWith("finish"), "settled");
        }
        Wait.Until(() => rs.Exited, "runsv exit", 10_000);
        lines.Add($"runsv exit {rs.Process.ExitCode}");
        return lines;
    }

    [Fact]
    public void SameTranscriptForCAndRunnelRunsv()
    {
        var c = Transcript(Flavour.C);
        var r = Transcript(Flavour.Runnel);
        Assert.Equal(string.Join('\n', c), string.Join('\n', r));
        Assert.Contains(c, l => l.StartsWith("sv status => 0: run: SVC: (pid N) Ns; run: log: (pid N) Ns"));
    }
}
