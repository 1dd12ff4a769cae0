using System;
using System.IO;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Init;

/// <summary>
/// runnel as process 1 must keep the .NET runtime out of signal handling: the
/// signals runit acts on stay blocked on every thread (read from a signalfd),
/// and every orphan is reaped by runit itself.
/// </summary>
public class ReapTests
{
    // SIGHUP, SIGINT, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT (bit n-1 for signal n).
    private const ulong Blocked = 1UL << 0 | 1UL << 1 | 1UL << 12 | 1UL << 13 | 1UL << 14 | 1UL << 16 | 1UL << 17;

    [Fact]
    public void SignalsAreBlockedOnEveryThreadOfProcess1()
    {
        using var r = new InitRoot();
        r.Stages();
        r.Boot();
        r.WaitLog("stage2");
        int pid = r.Pid1;
        string[] tasks = Directory.GetDirectories($"/proc/{pid}/task");
        Assert.NotEmpty(tasks);
        foreach (string t in tasks)
        {
            ulong mask = Field(File.ReadAllText(Path.Combine(t, "status")), "SigBlk");
            Assert.True((mask & Blocked) == Blocked, $"{t}: SigBlk {mask:x16}");
        }
        // The stages get an empty mask, and no signal ignored (2.3.0: no SIGCONT SIG_IGN leak).
        // glibc's posix_spawn always leaves its two internal signals (32, 33) ignored.
        int stage2 = int.Parse(File.ReadAllText($"/proc/{pid}/task/{pid}/children").Trim().Split(' ')[0]);
        string st = File.ReadAllText($"/proc/{stage2}/status");
        Assert.Equal(0UL, Field(st, "SigBlk"));
        Assert.Equal(0UL, Field(st, "SigIgn") & ~(3UL << 31));
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
    }

    [Fact]
    public void ReapsThousandsOfOrphansLeavingNoZombie()
    {
        using var r = new InitRoot();
        // Each ( ... & ) orphans its background child (a forked shell) to process 1 at once.
        r.Stages(stage2: "i=0; while [ $i -lt 2000 ]; do ( : & ); i=$((i+1)); done; echo looped >>/log; exec sleep 1000");
        r.Boot();
        r.WaitLog("looped", 120_000);
        int pid = r.Pid1;
        Wait.For(() => Zombies(pid), z => z == 0, "no zombie child of process 1", 20_000);
        Assert.False(r.Exited);
        Assert.Equal(0, r.Init("0"));
        Assert.Equal(128 + 2, r.WaitExit());
        Assert.Equal("stage1\nstage2\nlooped\nstage3\n", r.Read("/log"));
    }

    private static int Zombies(int parent)
    {
        int n = 0;
        foreach (string d in Directory.GetDirectories("/proc"))
        {
            try
            {
                string s = File.ReadAllText(Path.Combine(d, "status"));
                if (s.Contains("\nState:\tZ") && s.Contains($"\nPPid:\t{parent}\n")) n++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return n;
    }

    private static ulong Field(string status, string name)
    {
        foreach (string line in status.Split('\n'))
            if (line.StartsWith(name + ":\t")) return Convert.ToUInt64(line[(name.Length + 2)..], 16);
        throw new InvalidDataException(name + " missing");
    }
}
