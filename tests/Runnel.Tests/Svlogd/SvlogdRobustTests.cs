using System;
using System.IO;
using System.Linq;
using System.Text;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Svlogd;

/// <summary>runnel's svlogd under disk full, SIGKILL, signals, load and odd input.</summary>
public class SvlogdRobustTests
{
    private static string R => SvlogdRun.R;

    [Fact]
    public void DiskFullPausesAndLosesNothing()
    {
        using var t = new TempDir("svlogd-full");
        string mnt = t["mnt"];
        Directory.CreateDirectory(mnt);
        CmdResult m = Cmd.Run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt);
        Assert.True(m.ExitCode == 0, m.ToString());
        try
        {
            Directory.CreateDirectory(Path.Combine(mnt, "log"));
            File.WriteAllText(Path.Combine(mnt, "log/config"), "s100000\nn100\n");
            // Fill most of the disk so the log hits ENOSPC after ~100 KB.
            Cmd.Run("dd", "if=/dev/zero", $"of={mnt}/filler", "bs=1k", "count=400");
            string input = SvlogdLive.Numbered(0, 4000);
            using var s = new SvlogdLive(R, mnt, "log");
            var writer = new System.Threading.Thread(() => s.Write(input));
            writer.Start();
            Wait.Until(() => s.Stderr.Contains("svlogd: pausing: unable to write to current: log: out of disk space"),
                "disk full warning", 20_000);
            File.Delete(Path.Combine(mnt, "filler"));
            Assert.True(writer.Join(20_000));
            Assert.Equal(0, s.CloseAndWait());
            Assert.Equal(input, SvlogdLive.AllLogged(Path.Combine(mnt, "log")));
        }
        finally { Cmd.Run("umount", "-l", mnt); }
    }

    [Fact]
    public void DiskFullDeletesOldestAboveMinimum()
    {
        using var t = new TempDir("svlogd-full");
        string mnt = t["mnt"];
        Directory.CreateDirectory(mnt);
        Assert.Equal(0, Cmd.Run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt).ExitCode);
        try
        {
            Directory.CreateDirectory(Path.Combine(mnt, "log"));
            File.WriteAllText(Path.Combine(mnt, "log/config"), "s20000\nn100\nN2\n");
            using var s = new SvlogdLive(R, mnt, "log");
            s.Write(SvlogdLive.Numbered(0, 6000));
            Assert.Equal(0, s.CloseAndWait());
            Assert.Contains("svlogd: warning: out of disk space, delete: log/@", s.Stderr);
            string all = SvlogdLive.AllLogged(Path.Combine(mnt, "log"));
            Assert.EndsWith(SvlogdLive.Numbered(5990, 6000), all);
        }
        finally { Cmd.Run("umount", "-l", mnt); }
    }

    [Fact]
    public void SigkillDuringRotationLosesNothingOnRestart()
    {
        using var t = new TempDir("svlogd-kill");
        Directory.CreateDirectory(t["log"]);
        File.WriteAllText(t["log/config"], "s3000\nn0\n");
        string expected = "";
        int next = 0;
        for (int round = 0; round < 5; round++)
        {
            using var s = new SvlogdLive(R, t.Path, "log");
            string chunk = SvlogdLive.Numbered(next, next + 2000);
            next += 2000;
            s.Write(chunk);
            expected += chunk;
            // Wait until everything written so far is on disk, then kill in the middle of further rotations.
            Wait.Until(() => SvlogdLive.AllLogged(t["log"]).Length >= expected.Length, "data on disk", 20_000);
            s.P.Kill();
            s.P.WaitForExit();
            Assert.False(Directory.GetFiles(t["log"], "@*.t").Any());
        }
        string all = SvlogdLive.AllLogged(t["log"]);
        Assert.Equal(expected, all);
        // Every file but current is complete; current is taken over (or kept as .u) by the next svlogd.
        using (var s = new SvlogdLive(R, t.Path, "log")) Assert.Equal(0, s.CloseAndWait());
        Assert.Equal(expected, SvlogdLive.AllLogged(t["log"]));
        Assert.Equal("744", SvlogdRun.Mode(t["log/current"]));
        // Rotated files are complete (0744); an unfinished current taken over at restart is kept as @x.u as C does.
        foreach (string f in Directory.GetFiles(t["log"], "@*.s")) Assert.Equal("744", SvlogdRun.Mode(f));
        Assert.Empty(Directory.GetFiles(t["log"], "@*.t"));
    }

    /// <summary>
    /// SIGKILL can stop write(2) to a regular file between pages, leaving the
    /// head of a line without its newline; the next svlogd re-reads that chunk
    /// from the pipe, so the full line follows. Drops such heads, checking that
    /// each is the start of a line logged in full right after it.
    /// </summary>
    private static string[] TornHeadsRemoved(string[] lines)
    {
        var result = new System.Collections.Generic.List<string>();
        foreach (string l in lines)
        {
            int at = l.LastIndexOf("line ", StringComparison.Ordinal);
            if (at <= 0) { result.Add(l); continue; }
            string head = l[..at], full = l[at..];
            Assert.True(head.StartsWith("line ", StringComparison.Ordinal) || "line ".StartsWith(head, StringComparison.Ordinal), head);
            Assert.Contains(lines, x => x.StartsWith(head, StringComparison.Ordinal) && x.Length > head.Length && x.IndexOf("line ", 1, StringComparison.Ordinal) < 0);
            result.Add(full);
        }
        return result.ToArray();
    }

    /// <summary>
    /// runsv keeps the log pipe open across logger restarts. svlogd killed at random moments under
    /// load: the next one finds what the last had not written still in the pipe. Every line
    /// arrives, in order; a chunk written just before a kill may arrive twice (never lost).
    /// The C svlogd fails this: it loses what it had read.
    /// </summary>
    [Fact]
    public void SigkillUnderLoadNeverLosesPipedData()
    {
        using var t = new TempDir("svlogd-kill");
        Directory.CreateDirectory(t["log"]);
        File.WriteAllText(t["log/config"], "s20000\nn0\n");
        string fifo = t["fifo"];
        Assert.Equal(0, Cmd.Run("mkfifo", fifo).ExitCode);
        using var w = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite); // O_RDWR: keeps the pipe open, never blocks on open
        const int total = 40_000;
        string input = SvlogdLive.Numbered(0, total, 40);
        // Streamed in pieces that split lines, so kills also hit incomplete lines.
        var writer = new System.Threading.Thread(() =>
        {
            byte[] b = Encoding.ASCII.GetBytes(input);
            for (int off = 0; off < b.Length; off += 3001)
            {
                w.Write(b, off, Math.Min(3001, b.Length - off));
                w.Flush();
                if (off % 30010 == 0) System.Threading.Thread.Sleep(1);
            }
        });
        writer.Start();
        var rnd = new Random(3);
        string last = $"line {total - 1:D8}";
        for (int round = 0; ; round++)
        {
            var p = Cmd.Start("/bin/sh", ["-c", "exec \"$0\" log < fifo", R], t.Path);
            if (round >= 8)
            {
                Wait.Until(() => SvlogdLive.AllLogged(t["log"]).Contains(last), "all input logged", 30_000);
                Cmd.Run("/bin/kill", "-s", "TERM", p.Id.ToString());
                Assert.True(p.WaitForExit(10_000));
                break;
            }
            System.Threading.Thread.Sleep(rnd.Next(5, 60));
            p.Kill();
            p.WaitForExit();
        }
        Assert.True(writer.Join(10_000));
        string[] logged = TornHeadsRemoved(SvlogdLive.AllLogged(t["log"]).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // In order, nothing missing: dropping repeats (a re-read chunk) gives exactly the input.
        var seen = new System.Collections.Generic.HashSet<string>();
        string deduped = string.Concat(logged.Where(seen.Add).Select(l => l + "\n"));
        Assert.Equal(input, deduped);
        Assert.Empty(Directory.GetFiles(t["log"], "@*.t"));
        Assert.True(Directory.GetFiles(t["log"], "@*.s").Length > 50);
        foreach (string f in Directory.GetFiles(t["log"], "@*.s")) Assert.Equal("744", SvlogdRun.Mode(f));
        Assert.Equal("744", SvlogdRun.Mode(t["log/current"]));
    }

    [Fact]
    public void ThousandRotationsUnderLoad()
    {
        using var t = new TempDir("svlogd-rot");
        Directory.CreateDirectory(t["log"]);
        File.WriteAllText(t["log/config"], "s2000\nn5\n");
        string input = SvlogdLive.Numbered(0, 30_000);
        CmdResult r = SvlogdRun.Run(R, t.Path, Encoding.ASCII.GetBytes(input), ["-v"], "log");
        Assert.Equal(0, r.ExitCode);
        int rotations = r.Stderr.Split('\n').Count(l => l.StartsWith("svlogd: info: rename: log/current @"));
        Assert.True(rotations >= 1000, $"{rotations} rotations");
        Assert.Equal(5, Directory.GetFiles(t["log"], "@*.s").Length);
        Assert.EndsWith(SvlogdLive.AllLogged(t["log"]), input);
    }

    [Fact]
    public void LastLineWithoutNewlineIsKept()
    {
        // Deliberate difference: the C svlogd drops an unterminated last line at end of input.
        LogResult r = SvlogdRun.Once(R, Encoding.ASCII.GetBytes("one\ntwo"), null);
        Assert.Equal("one\ntwo\n", r.Current);
        LogResult c = SvlogdRun.Once(SvlogdRun.C, Encoding.ASCII.GetBytes("one\ntwo"), null);
        Assert.Equal("one\n", c.Current);
    }

    [Fact]
    public void TermFlushesEverythingRead()
    {
        using var t = new TempDir("svlogd-term");
        Directory.CreateDirectory(t["log"]);
        using var s = new SvlogdLive(R, t.Path, "log");
        s.Write("complete\npartial");
        Wait.Until(() => File.Exists(t["log/current"]) && File.ReadAllText(t["log/current"]) == "complete\n", "first line");
        s.Signal("TERM");
        Assert.True(s.P.WaitForExit(10_000));
        Assert.Equal(0, s.P.ExitCode);
        Assert.Equal("complete\npartial\n", File.ReadAllText(t["log/current"]));
        Assert.Equal("744", SvlogdRun.Mode(t["log/current"]));
    }

    [Fact]
    public void AlrmRotatesAndHupRereadsConfig()
    {
        using var t = new TempDir("svlogd-sig");
        Directory.CreateDirectory(t["log"]);
        using var s = new SvlogdLive(R, t.Path, "log");
        s.Write("before\n");
        Wait.Until(() => File.Exists(t["log/current"]) && File.ReadAllText(t["log/current"]) == "before\n", "first line");
        Assert.Equal("644", SvlogdRun.Mode(t["log/current"]));
        s.Signal("ALRM");
        Wait.Until(() => Directory.GetFiles(t["log"], "@*.s").Length == 1, "rotation on ALRM");
        Assert.Equal("before\n", File.ReadAllText(Directory.GetFiles(t["log"], "@*.s")[0]));
        Assert.Equal("744", SvlogdRun.Mode(Directory.GetFiles(t["log"], "@*.s")[0]));
        File.WriteAllText(t["log/config"], "pNEW:\n-*drop*\n");
        s.Signal("HUP");
        Wait.Until(() =>
        {
            s.Write("probe\n");
            return File.ReadAllText(t["log/current"]).Contains("NEW:probe");
        }, "config reread on HUP");
        s.Write("drop me\nkeep\n");
        Assert.Equal(0, s.CloseAndWait());
        Assert.EndsWith("NEW:keep\n", File.ReadAllText(t["log/current"]));
        Assert.DoesNotContain("drop", File.ReadAllText(t["log/current"]));
    }

    /// <summary>Deliberate difference: C keeps copying to stderr after a HUP to a config without e lines.</summary>
    [Fact]
    public void HupToConfigWithoutPatternsStopsStderrCopies()
    {
        using var t = new TempDir("svlogd-hup");
        Directory.CreateDirectory(t["log"]);
        File.WriteAllText(t["log/config"], "e*\n");
        using var s = new SvlogdLive(R, t.Path, "log");
        s.Write("to stderr\n");
        Wait.Until(() => s.Stderr.Contains("to stderr\n"), "stderr copy");
        File.WriteAllText(t["log/config"], "s100000\n");
        s.Signal("HUP");
        Wait.Until(() => { s.Write("probe\n"); return File.ReadAllText(t["log/current"]).Contains("probe"); }, "reopen");
        s.Write("quiet\n");
        Assert.Equal(0, s.CloseAndWait());
        Assert.Contains("quiet\n", File.ReadAllText(t["log/current"]));
        Assert.DoesNotContain("quiet", s.Stderr);
    }

    [Fact]
    public void TimedRotation()
    {
        using var t = new TempDir("svlogd-t");
        Directory.CreateDirectory(t["log"]);
        File.WriteAllText(t["log/config"], "t1\n");
        using var s = new SvlogdLive(R, t.Path, "log");
        s.Write("tick\n");
        Wait.Until(() => Directory.GetFiles(t["log"], "@*.s").Length == 1, "rotation after 1 s");
        Assert.Equal(0, s.CloseAndWait());
        Assert.Empty(File.ReadAllText(t["log/current"]));
    }

    [Fact]
    public void OneSvlogdPerDirectory()
    {
        using var t = new TempDir("svlogd-lock");
        Directory.CreateDirectory(t["log"]);
        using var s = new SvlogdLive(R, t.Path, "log");
        s.Write("x\n");
        Wait.Until(() => File.Exists(t["log/current"]) && File.ReadAllText(t["log/current"]).Length > 0, "first");
        CmdResult second = SvlogdRun.Run(R, t.Path, SvlogdRun.Lines("y"), [], "log");
        Assert.Equal(111, second.ExitCode);
        Assert.Equal("svlogd: warning: unable to lock directory: log: temporary failure\nsvlogd: fatal: no functional log directories.\n", second.Stderr);
        Assert.Equal(0, s.CloseAndWait());
    }

    [Fact]
    public void UdpWithAndWithoutLocalLogging()
    {
        using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int port = ((System.Net.IPEndPoint)udp.Client.LocalEndPoint!).Port;
        foreach (string kind in new[] { "u", "U" })
        foreach (string tool in new[] { SvlogdRun.C, R })
        {
            LogResult res = SvlogdRun.Once(tool, SvlogdRun.Lines("hello", new string('z', 30)), $"{kind}127.0.0.1:{port}\npP \n", "-l", "20", "-b", "100");
            var from = new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0);
            string a = Encoding.ASCII.GetString(udp.Receive(ref from)), b = Encoding.ASCII.GetString(udp.Receive(ref from));
            Assert.Equal("P hello\n", a);
            Assert.Equal("P " + new string('z', 20) + "...\n", b);
            Assert.Equal(kind == "u" ? "P hello\nP " + new string('z', 20) + "zzzzzzzzzz\n" : "", res.Current);
        }
    }
}

/// <summary>runnel's svlogd as the log service of the C runsv, as a service directory uses it.</summary>
public class SvlogdUnderRunsvTests
{
    [Fact]
    public void LogsAServiceUnderCRunsv()
    {
        using var t = new TempDir("svlogd-runsv");
        t.Script("svc/run", "for i in 1 2 3; do echo \"line $i\"; done\nexec sleep 1000");
        t.Script("svc/log/run", $"exec {SvlogdRun.R} -tt ./main");
        Directory.CreateDirectory(t["svc/log/main"]);
        var runsv = Cmd.Start(Paths.CTool("runsv"), [t["svc"]], t.Path);
        try
        {
            string cur = t["svc/log/main/current"];
            Wait.Until(() => File.Exists(cur) && File.ReadAllText(cur).Contains("line 3"), "service output logged", 15_000);
            string[] lines = File.ReadAllLines(cur);
            Assert.Equal(3, lines.Length);
            Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d\.\d{5} line \d$", l));
            Assert.Equal(0, Cmd.Run(Paths.CTool("sv"), "exit", t["svc"]).ExitCode);
            Assert.True(runsv.WaitForExit(15_000));
            Assert.Equal("744", SvlogdRun.Mode(cur));
        }
        finally
        {
            if (!runsv.HasExited) runsv.Kill(entireProcessTree: true);
            runsv.Dispose();
        }
    }
}
