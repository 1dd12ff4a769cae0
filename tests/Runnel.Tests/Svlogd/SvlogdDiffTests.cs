using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;
using Xunit;
using static Runnel.Tests.Svlogd.SvlogdRun;

namespace Runnel.Tests.Svlogd;

/// <summary>The C svlogd and runnel's on the same input and config: same files, contents, modes, stderr.</summary>
public class SvlogdDiffTests
{
    private static void Same(byte[] input, string? config, params string[] opts)
    {
        LogResult c = Once(C, input, config, opts);
        LogResult r = Once(R, input, config, opts);
        Assert.Equal(c.ToString(), r.ToString());
    }

    /// <summary>Through a pipe runnel peeks with tee(2) and consumes after writing: same result.</summary>
    [Fact]
    public void ThroughAPipe()
    {
        foreach (var (input, cfg) in new[] { (Realistic(20000), "s100000\nn100\n"), (Lines("a", new string('L', 300_000), "b"), "s70000\n") })
        {
            LogResult c = Once(C, input, cfg, true);
            LogResult r = Once(R, input, cfg, true);
            Assert.Equal(c.ToString(), r.ToString());
        }
    }

    [Fact]
    public void PlainLines() => Same(Lines("hello", "world", "", "  spaced  ", "last"), null);

    [Fact]
    public void RealisticInputDefaultConfig() => Same(Realistic(3000), null);

    [Fact]
    public void RotationAndPruning() => Same(Realistic(2000), "s4096\nn4\n");

    [Fact]
    public void RotationSizeUnitsAndSmallLinemax() => Same(Realistic(3000), "s1k\nn0\n", "-l", "100", "-b", "200");

    [Fact]
    public void RotationSizeBelowLinemax() => Same(Realistic(300), "s50\nn100\n");

    [Fact]
    public void NoRotationWithSizeZero() => Same(Realistic(20000), "s0\n");

    [Fact]
    public void PatternsSelectAndDeselect() =>
        Same(Realistic(2000), "-*\n+svc1*\n-*error:*\n+*timeout\ne*warning:*\nE*warning: pid*\n");

    [Fact]
    public void PatternsWithPlus() =>
        Same(Lines("", "aaab", "ab", "b", "aab", "xaab", "a", "abab"), "-*\n++ab\n");
    // An empty line after "a" is where C differs: it compares a stale byte of its line buffer (see docs/svlogd.md).

    [Fact]
    public void PrefixAndStderrPattern() => Same(Realistic(300), "pPREFIX: \ne*error*\n-*info:*\n");

    [Fact]
    public void ReplaceNonPrintable()
    {
        byte[] input = Enumerable.Range(0, 256).Select(i => (byte)i).Where(b => b != 10).Concat(new byte[] { 10 })
            .Concat(Encoding.ASCII.GetBytes("abc:def;ghi\nplain\n")).ToArray();
        Same(input, null, "-r", "?");
        Same(input, null, "-R", ":;");
        Same(input, null, "-r", "#", "-R", "abc");
    }

    [Fact]
    public void BinaryGarbageAndNulBytes()
    {
        var rnd = new System.Random(7);
        byte[] input = new byte[200_000];
        rnd.NextBytes(input);
        input[^1] = 10;
        Same(input, "s10000\nn3\n");
        Same(input, "s10000\nn3\n-*\n+\0*\n");
    }

    [Fact]
    public void LinesLongerThanLinemax()
    {
        string longLine = new string('x', 150) + "END";
        byte[] input = Lines("short", longLine, new string('y', 20), new string('z', 19), new string('q', 21), "tail");
        Same(input, "e*\n", "-l", "20", "-b", "21");
        Same(input, "s64\nn100\n", "-l", "20", "-b", "21");
        Same(input, "s64\nn100\n-y*\n", "-l", "20", "-b", "1000", "-r", "_");
    }

    [Fact]
    public void LineLongerThanTheBuffer()
    {
        byte[] input = Lines("start", new string('L', 300_000), "end");
        Same(input, null);
        Same(input, "s100000\nn20\n");
    }

    [Fact]
    public void UnfinishedCurrentBecomesU()
    {
        foreach (string tool in new[] { C, R })
        {
            using var t = new TempDir("svlogd");
            Directory.CreateDirectory(t["log"]);
            File.WriteAllText(t["log/current"], "left over\n");
            File.SetUnixFileMode(t["log/current"], (System.IO.UnixFileMode)0b110_100_100);
            LogResult res = Collect(Run(tool, t.Path, Lines("new"), [], "log"), t["log"]);
            Assert.Equal("new\n", res.Current);
            Assert.Equal("744", res.CurrentMode);
            Assert.Single(res.Old);
            Assert.Equal(".u", res.Old[0].Suffix);
            Assert.Equal("left over\n", res.Old[0].Content);
        }
    }

    [Fact]
    public void CompleteCurrentIsAppended()
    {
        LogResult[] both = new[] { C, R }.Select(tool =>
        {
            using var t = new TempDir("svlogd");
            Directory.CreateDirectory(t["log"]);
            File.WriteAllText(t["log/current"], "before\n");
            File.SetUnixFileMode(t["log/current"], (System.IO.UnixFileMode)0b111_100_100);
            return Collect(Run(tool, t.Path, Lines("after"), [], "log"), t["log"]);
        }).ToArray();
        Assert.Equal("before\nafter\n", both[1].Current);
        Assert.Equal(both[0].ToString(), both[1].ToString());
    }

    [Fact]
    public void Processor()
    {
        const string cfg = "s200\nn100\n!tr a-z A-Z; cat <&4 >&5; echo run >&5\n";
        LogResult c = Once(C, Realistic(40), cfg);
        LogResult r = Once(R, Realistic(40), cfg);
        Assert.Equal(c.ToString(), r.ToString());
        Assert.Contains(r.Old, o => o.Suffix == ".s" && o.Content.Contains("SVC"));
        Assert.DoesNotContain(r.Old, o => o.Suffix is ".u" or ".t");
    }

    /// <summary>A failing processor: @x.t removed, the processor run again on the same @x.u until it succeeds.</summary>
    [Fact]
    public void ProcessorFailsThenSucceeds()
    {
        const string cfg = "s300\nn100\n!if [ -e ../flag ]; then rm ../flag; cat; else touch ../flag; echo partial; exit 3; fi\n";
        LogResult c = Once(C, Realistic(30), cfg);
        LogResult r = Once(R, Realistic(30), cfg);
        Assert.Contains("svlogd: warning: processor failed, restart: log\n", r.Stderr);
        Assert.Equal(c.ToString(), r.ToString());
    }

    [Fact]
    public void ProcessorState()
    {
        foreach (string tool in new[] { C, R })
        {
            using var t = new TempDir("svlogd");
            Directory.CreateDirectory(t["log"]);
            File.WriteAllText(t["log/config"], "s100\nn0\n!wc -l; cat <&4 >&5; echo x >&5\n");
            Run(tool, t.Path, Realistic(30), [], "log");
            string state = File.ReadAllText(t["log/state"]);
            int rotations = Directory.GetFiles(t["log"], "@*.s").Length;
            Assert.True(rotations > 3, tool);
            Assert.Equal(string.Concat(Enumerable.Repeat("x\n", rotations)), state);
        }
    }

    [Theory]
    [InlineData("-t", @"^@4[0-9a-f]{23} ")]
    [InlineData("-tt", @"^\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d\.\d{5} ")]
    [InlineData("-ttt", @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{5} ")]
    [InlineData("-tttt", @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{5} ")]
    public void Timestamps(string opt, string pattern)
    {
        byte[] input = Realistic(200);
        // s2000: rotation at line ends only (lines are < 1000 bytes), so stamps are never split.
        LogResult c = Once(C, input, "s2000\nn100\npP:\ne*error*\n", opt);
        LogResult r = Once(R, input, "s2000\nn100\npP:\ne*error*\n", opt);
        var re = new Regex(pattern + "P:", RegexOptions.Multiline);
        string Strip(string s) => re.Replace(s, "<stamp>");
        Assert.Equal(Strip(c.Current), Strip(r.Current));
        Assert.Equal(Strip(c.Stderr), Strip(r.Stderr));
        Assert.Equal(c.Old.Count, r.Old.Count);
        for (int i = 0; i < c.Old.Count; i++) Assert.Equal(Strip(c.Old[i].Content), Strip(r.Old[i].Content));
        Assert.True(r.Old.Count > 5);
        Assert.Equal(200, re.Matches(string.Concat(r.Old.Select(o => o.Content)) + r.Current).Count);
        // The stamps are UTC now (within the few minutes a loaded machine may take).
        string first = r.Old[0].Content;
        System.DateTime when = opt == "-t"
            ? System.DateTime.UnixEpoch.AddSeconds((long)(System.Convert.ToUInt64(first[1..17], 16) - 4611686018427387914UL))
            : System.DateTime.ParseExact(first[..19].Replace('_', 'T'), "yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((System.DateTime.UtcNow - when).TotalMinutes, -1, 5);
    }

    [Fact]
    public void UsageAndBadDirs()
    {
        foreach (string[] args in new[] { new string[0], new[] { "-r" }, new[] { "-r", "ab", "x" }, new[] { "-x", "d" },
                     new[] { "-l", "2000", "d" }, new[] { "-b", "1000", "d" } })
        {
            CmdResult c = Cmd.Run(C, args), r = Cmd.Run(R, args);
            Assert.Equal(c.ExitCode, r.ExitCode);
            Assert.Equal(c.Stderr.Replace(C, "SVLOGD"), r.Stderr.Replace(R, "SVLOGD"));
        }
        using var t = new TempDir("svlogd");
        File.WriteAllText(t["file"], "");
        CmdResult c2 = Run(C, t.Path, Lines("x"), [], "missing", "file");
        CmdResult r2 = Run(R, t.Path, Lines("x"), [], "missing", "file");
        Assert.Equal(111, r2.ExitCode);
        Assert.Equal(c2.ExitCode, r2.ExitCode);
        Assert.Equal(c2.Stderr, r2.Stderr);
    }

    [Fact]
    public void SeveralDirectories()
    {
        foreach (string tool in new[] { C, R })
        {
            using var t = new TempDir("svlogd");
            Directory.CreateDirectory(t["a"]);
            Directory.CreateDirectory(t["b"]);
            File.WriteAllText(t["a/config"], "-*\n+*error:*\n");
            File.WriteAllText(t["b/config"], "-*error:*\npB \n");
            Run(tool, t.Path, Realistic(500), [], "a", "missing", "b");
            t.Write(tool == C ? "ca" : "ra", File.ReadAllText(t["a/current"]));
        }
        // Compare directly by running both into separate roots.
        string Both(string tool)
        {
            using var t = new TempDir("svlogd");
            Directory.CreateDirectory(t["a"]);
            Directory.CreateDirectory(t["b"]);
            File.WriteAllText(t["a/config"], "-*\n+*error:*\n");
            File.WriteAllText(t["b/config"], "-*error:*\npB \n");
            CmdResult res = Run(tool, t.Path, Realistic(500), [], "a", "missing", "b");
            return res.ExitCode + res.Stderr + File.ReadAllText(t["a/current"]) + "==" + File.ReadAllText(t["b/current"]);
        }
        Assert.Equal(Both(C), Both(R));
    }

    [Fact]
    public void VerboseMessages()
    {
        LogResult c = Once(C, Realistic(50), "s1000\nn2\n", "-v");
        LogResult r = Once(R, Realistic(50), "s1000\nn2\n", "-v");
        var re = new Regex("@4[0-9a-f]{23}");
        Assert.Equal(re.Replace(c.Stderr, "@X"), re.Replace(r.Stderr, "@X"));
    }

    [Fact]
    public void ConfigWarnings()
    {
        foreach (string cfg in new[] { "u1.2.3\n", "u1.2.3.4:x\n", "U300.2.3.4:0\nsfoo\nt\n!\np\n", "#comment\n\n\nn\n" })
            Same(Realistic(100), cfg);
    }
}
