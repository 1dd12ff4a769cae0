using System;
using System.Collections.Generic;
using System.IO;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Utmpset;

/// <summary>
/// utmpset against real utmp/wtmp files: each run happens in a private mount
/// namespace with tmpfs over /var/run and /var/log, so the fixed paths
/// /var/run/utmp and /var/log/wtmp are the test's own.
/// </summary>
public class UtmpsetTests
{
    private static readonly Lazy<string> s_tool = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), $"runnel-utmptool-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Chpst.ChpstRig.TryDelete(dir);
        string src = Path.Combine(Paths.RepoRoot, "tests", "Runnel.Tests", "Utmpset", "utmptool.c");
        CmdResult cc = Cmd.Run("gcc", "-o", Path.Combine(dir, "utmptool"), src);
        if (cc.ExitCode != 0) throw new InvalidOperationException(cc.ToString());
        return Path.Combine(dir, "utmptool");
    });

    internal static readonly string Line32 = new('L', 32);

    internal sealed record Outcome(int Rc, string Stdout, string Stderr, string Utmp, string Wtmp);

    /// <summary>Writes the standard utmp, runs the tool in its namespace and dumps what it left.</summary>
    internal static Outcome Run(string tool, bool withUtmp, params string[] args)
    {
        using var t = new TempDir("utmpset");
        string utmp = t["utmp.in"];
        if (withUtmp)
        {
            Add(utmp, 7, 100, "tty1", "1", "alice", "h1", 1000);
            Add(utmp, 7, 101, "pts/3", "ts/3", "bob", "remote.example", 1001);
            Add(utmp, 8, 102, "tty2", "2", "", "", 1002);
            Add(utmp, 7, 103, Line32, "x", "carol", "", 1003);
            Add(utmp, 6, 104, "tty4", "4", "LOGIN", "", 1004);
        }
        const string script = """
            set -e
            mount -t tmpfs tmpfs /var/run
            mount -t tmpfs tmpfs /var/log
            [ -e "$T/utmp.in" ] && cp "$T/utmp.in" /var/run/utmp
            set +e
            "$@" >"$T/out" 2>"$T/err"
            echo $? >"$T/rc"
            [ -e /var/run/utmp ] && cp /var/run/utmp "$T/utmp.out"
            [ -e /var/log/wtmp ] && cp /var/log/wtmp "$T/wtmp.out"
            exit 0
            """;
        var all = new List<string> { "-m", "--propagation", "private", "sh", "-c", script, "sh", tool };
        all.AddRange(args);
        CmdResult r = Cmd.Run("unshare", all, env: new Dictionary<string, string?> { ["T"] = t.Path });
        Assert.True(r.ExitCode == 0, r.ToString());
        return new Outcome(int.Parse(File.ReadAllText(t["rc"]).Trim()), File.ReadAllText(t["out"]),
            File.ReadAllText(t["err"]), Dump(t["utmp.out"]), Dump(t["wtmp.out"]));
    }

    private static void Add(string file, int type, int pid, string line, string id, string user, string host, long sec)
    {
        CmdResult r = Cmd.Run(s_tool.Value, "add", file, type.ToString(), pid.ToString(), line, id, user, host, sec.ToString());
        Assert.Equal(0, r.ExitCode);
    }

    private static string Dump(string file)
    {
        if (!File.Exists(file)) return "(none)";
        CmdResult r = Cmd.Run(s_tool.Value, "dump", file, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        Assert.Equal(0, r.ExitCode);
        return r.Stdout;
    }

    private static string R => Paths.Tool("utmpset");

    private const string Before = """
        type=7 pid=100 line=tty1 id=1 user=alice host=h1 sec=1000 usec=0
        type=7 pid=101 line=pts/3 id=ts/3 user=bob host=remote.example sec=1001 usec=0
        type=8 pid=102 line=tty2 id=2 user= host= sec=1002 usec=0
        type=7 pid=103 line=LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL id=x user=carol host= sec=1003 usec=0
        type=6 pid=104 line=tty4 id=4 user=LOGIN host= sec=1004 usec=0

        """;

    [Fact]
    public void LogsOutTheLine()
    {
        var o = Run(R, true, "tty1");
        Assert.Equal(0, o.Rc);
        Assert.Equal("", o.Stderr);
        Assert.Equal(Before.Replace("type=7 pid=100 line=tty1 id=1 user=alice host=h1 sec=1000",
            "type=8 pid=100 line=tty1 id=1 user= host= sec=now"), o.Utmp);
        Assert.Equal("(none)", o.Wtmp);
    }

    [Fact]
    public void WtmpGetsAnEmptyDeadRecord()
    {
        var o = Run(R, true, "-w", "pts/3");
        Assert.Equal(0, o.Rc);
        Assert.Equal("type=8 pid=0 line=pts/3 id= user= host= sec=now usec=0\n", o.Wtmp);
        Assert.Contains("type=8 pid=101 line=pts/3 id=ts/3 user= host= sec=now", o.Utmp);
    }

    [Fact]
    public void LineOfExactlyUtLineSizeMatches()
    {
        // runit 2.3.0: a line as long as ut_line (no NUL in the record) is compared over its full size.
        var o = Run(R, true, "-w", Line32);
        Assert.Equal(0, o.Rc);
        Assert.Contains($"type=8 pid=103 line={Line32} id=x user= host= sec=now", o.Utmp);
        Assert.Equal($"type=8 pid=0 line={Line32} id= user= host= sec=now usec=0\n", o.Wtmp);
    }

    [Fact]
    public void LineLongerThanUtLineIsRefused()
    {
        // runit 2.3.0's check; 2.1.2 would go on and compare past the field.
        string line = Line32 + "X";
        var o = Run(R, true, "-w", line);
        Assert.Equal(111, o.Rc);
        Assert.Equal($"utmpset: fatal: unable to logout line {line} in utmp: name too long\n", o.Stderr);
        Assert.Equal(Before, o.Utmp);
        Assert.Equal("(none)", o.Wtmp);
    }

    [Theory]
    [InlineData("tty2")]   // record with an empty user is no login
    [InlineData("tty")]    // a prefix is no match
    [InlineData("tty9")]
    public void NoSuchEntry(string line)
    {
        var o = Run(R, true, "-w", line);
        Assert.Equal(111, o.Rc);
        Assert.Equal($"utmpset: warning: unable to logout line {line} in utmp: no such entry\n", o.Stderr);
        Assert.Equal(Before, o.Utmp);
        Assert.Equal("(none)", o.Wtmp);
    }

    [Fact]
    public void MissingUtmp()
    {
        var o = Run(R, false, "tty1");
        Assert.Equal(111, o.Rc);
        Assert.Equal("utmpset: fatal: unable to open /var/run/utmp: file does not exist\n", o.Stderr);
    }

    [Fact]
    public void UsageExits1()
    {
        var o = Run(R, true);
        Assert.Equal(1, o.Rc);
        Assert.Equal($"usage: {R} [-w] line\n\n", o.Stderr);
        var x = Run(R, true, "-x", "tty1");
        Assert.Equal(1, x.Rc);
        Assert.Equal($"utmpset: illegal option -- x\nusage: {R} [-w] line\n\n", x.Stderr);
        Assert.Equal(Before, x.Utmp);
    }

    /// <summary>Debian's C utmpset on the same files: same messages, exit codes and records.</summary>
    [Theory]
    [InlineData(true, new[] { "tty1" })]
    [InlineData(true, new[] { "-w", "pts/3" })]
    [InlineData(true, new[] { "-w", "tty4" })]
    [InlineData(true, new[] { "tty2" })]
    [InlineData(true, new[] { "-w", "tty9" })]
    [InlineData(true, new string[0])]
    [InlineData(true, new[] { "-x" })]
    [InlineData(true, new[] { "-V" })]
    [InlineData(false, new[] { "-w", "tty1" })]
    public void SameAsC(bool withUtmp, string[] args)
    {
        string c = Paths.CTool("utmpset");
        var co = Run(c, withUtmp, args);
        var ro = Run(R, withUtmp, args);
        Assert.Equal(co.Rc, ro.Rc);
        Assert.Equal(co.Stdout, ro.Stdout);
        Assert.Equal(Norm(co.Stderr, c), Norm(ro.Stderr, R));
        Assert.Equal(co.Utmp, ro.Utmp);
        Assert.Equal(co.Wtmp, ro.Wtmp);
    }

    private static string Norm(string stderr, string tool) =>
        System.Text.RegularExpressions.Regex.Replace(stderr.Replace(tool, "UTMPSET"), @"\$Id: [^$]*\$", "$Id$");
}
