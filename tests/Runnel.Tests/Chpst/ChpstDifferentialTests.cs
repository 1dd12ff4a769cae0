using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Chpst;

/// <summary>
/// The same invocations through C chpst (Debian's, copied under each
/// personality name) and runnel: exit code, stdout, stderr and the probe's
/// report of the exec'ed process state must be identical.
/// Placeholders: @P = probe + report file, @E = an env dir, @S = an env dir with
/// a subdirectory, @T = an env dir that sets PATH, @L = a lock file.
/// </summary>
public class ChpstDifferentialTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "chpst", [] },
        { "chpst", ["-x"] },
        { "chpst", ["-u"] },
        { "chpst", ["-V"] },
        { "chpst", ["-u", "nobody", "@P"] },
        { "chpst", ["-unobody", "@P"] },
        { "chpst", ["-u", "nobody:daemon:bin", "@P"] },
        { "chpst", ["-u", ":4321:77:78", "@P"] },
        { "chpst", ["-u", ":4321:", "@P"] },
        { "chpst", ["-u", ":abc", "@P"] },
        { "chpst", ["-u", ":12", "@P"] },
        { "chpst", ["-u", "no-such-user-x", "@P"] },
        { "chpst", ["-u", "nobody:no-such-group", "@P"] },
        { "chpst", ["-u", "nobody:", "@P"] },
        { "chpst", ["-U", "nobody", "@P"] },
        { "chpst", ["-U", "nobody:daemon", "@P"] },
        { "chpst", ["-U", ":5:6", "@P"] },
        { "chpst", ["-U", "daemon", "-u", "nobody", "@P"] },
        { "chpst", ["-b", "argzero", "@P"] },
        { "chpst", ["-e", "@E", "@P"] },
        { "chpst", ["-v", "-e", "@S", "@P"] },
        { "chpst", ["-e", "@S", "@P"] },
        { "chpst", ["-e", "/nonexistent-x", "@P"] },
        { "chpst", ["-e", "@T", "env"] },          // $PATH set by -e does not steer the program search
        { "envdir", ["@T", "env"] },
        { "chpst", ["-/", "/nonexistent-x", "@P"] },
        { "chpst", ["-n", "5", "@P"] },
        { "chpst", ["-n", "+3", "@P"] },
        { "chpst", ["-n", "x", "@P"] },
        { "chpst", ["-l", "@L", "@P"] },
        { "chpst", ["-L", "@L", "@P"] },
        { "chpst", ["-l", "@L", "-L", "@L", "@P"] },
        { "chpst", ["-l", "/nonexistent-x/x.lock", "@P"] },
        { "chpst", ["-m", "300000000", "@P"] },
        { "chpst", ["-m", "99999999999999999999999", "@P"] },
        { "chpst", ["-d", "200000000", "-o", "64", "-p", "40", "-f", "1000", "-c", "0", "-t", "10", "-r", "100000", "@P"] },
        { "chpst", ["-o", "1x", "@P"] },
        { "chpst", ["-P", "@P"] },
        { "chpst", ["-0", "-1", "-2", "@P"] },
        { "chpst", ["-Pv0", "@P"] },
        { "chpst", ["-v", "@P"] },
        { "chpst", ["--", "@P"] },
        { "chpst", ["no-such-program-x"] },
        { "chpst", ["-b", "shown", "no-such-program-x"] },
        { "chpst", ["/etc"] },
        { "envdir", [] },
        { "envdir", ["@E"] },
        { "envdir", ["@E", "@P"] },
        { "envdir", ["@S", "@P"] },
        { "envdir", ["/nonexistent-x", "@P"] },
        { "envuidgid", [] },
        { "envuidgid", ["nobody"] },
        { "envuidgid", ["nobody", "@P"] },
        { "envuidgid", ["nobody:daemon", "@P"] },
        { "envuidgid", ["no-such-user-x", "@P"] },
        { "setuidgid", ["nobody", "@P"] },
        { "setuidgid", [":12:12", "@P"] },
        { "setuidgid", ["-x", "@P"] },
        { "setuidgid", ["nobody", "no-such-program-x"] },
        { "pgrphack", [] },
        { "pgrphack", ["@P"] },
        { "setlock", [] },
        { "setlock", ["@L"] },
        { "setlock", ["@L", "@P"] },
        { "setlock", ["-n", "@L", "@P"] },
        { "setlock", ["-nNxX", "@L", "@P"] },
        { "setlock", ["-z", "@L", "@P"] },
        { "setlock", ["-x", "/nonexistent-x/l", "@P"] },
        { "setlock", ["/nonexistent-x/l", "@P"] },
        { "setlock", ["-x", "@L", "no-such-program-x"] },
        { "softlimit", [] },
        { "softlimit", ["-o"] },
        { "softlimit", ["-x", "@P"] },
        { "softlimit", ["-o", "=", "@P"] },
        { "softlimit", ["-m", "300000000", "@P"] },
        { "softlimit", ["-a", "1000000000", "-c", "0", "-d", "400000000", "-f", "5000", "-l", "4096", "-o", "50", "-p", "30", "-r", "1000000", "-s", "1000000", "-t", "5", "@P"] },
        { "softlimit", ["-m", "abc", "@P"] },
        { "dchpst", ["-v", "-e", "@E", "@P"] },
        { "denvdir", ["@E", "@P"] },
        { "dsetuidgid", ["nobody", "@P"] },
        { "dsetuidgid", [] },
        { "dsoftlimit", ["-o", "50", "@P"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameAsC(string tool, string[] args)
    {
        using var t = ChpstRig.OpenTemp("chpst-diff");
        t.Write("env/PLAIN", "value\n");
        t.Write("env/TRIM", "a b \t \nsecond\n");
        File.WriteAllBytes(t["env/NULS"], "x\0y\n"u8.ToArray());
        t.Write("env/GONE", "");
        t.Write("env/REPLACED", "new");
        t.Write("env/.hidden", "h");
        t.Write("sub/A", "a");
        t.Write("pathenv/PATH", "/nonexistent-x\n");
        Directory.CreateDirectory(t["sub/DIR"]);
        var env = new Dictionary<string, string?> { ["GONE"] = "1", ["REPLACED"] = "old", ["ZLAST"] = "z" };
        var c = RunOne(true, tool, args, t, env);
        var r = RunOne(false, tool, args, t, env);
        Assert.Equal(c.Result.ExitCode, r.Result.ExitCode);
        Assert.Equal(c.Result.Stdout, r.Result.Stdout);
        Assert.Equal(Normalize(c.Result.Stderr), Normalize(r.Result.Stderr));
        Assert.Equal(c.Report, r.Report);
    }

    [Theory]
    [InlineData("trap '' HUP INT USR2;", new string[0])]
    [InlineData("trap '' TERM;", new[] { "-u", "nobody", "-P" })]
    public void SignalStateSameAsC(string shellPrefix, string[] args)
    {
        using var t = ChpstRig.OpenTemp("chpst-diffsig");
        var results = new List<string>();
        foreach (bool isC in new[] { true, false })
        {
            string outFile = t[isC ? "c.out" : "r.out"];
            var all = new List<string>(args) { ChpstRig.Probe, outFile };
            var res = ChpstRig.RunProbe(ChpstRig.Tool(isC, "chpst"), all, outFile, t.Path, null, shellPrefix);
            Assert.Equal(0, res.Result.ExitCode);
            results.Add(File.ReadAllText(outFile));
        }
        Assert.Equal(results[0], results[1].Replace(t["r.out"], t["c.out"]));
    }

    [Fact]
    public void RawBytesPassThroughAsC()
    {
        // Arguments, env dir file names and values that are not UTF-8 reach the program unchanged.
        using var t = ChpstRig.OpenTemp("chpst-bytes");
        Directory.CreateDirectory(t["env"]);
        const string script = """
            printf 'v\377w\n' >"$T/env/$(printf 'N\376')"
            exec "$0" -e "$T/env" -b "$(printf 'a\377b')" "$P" "$T/$1" "$(printf 'x\375')"
            """;
        var reports = new List<byte[]>();
        foreach (bool isC in new[] { true, false })
        {
            var env = new Dictionary<string, string?> { ["T"] = t.Path, ["P"] = ChpstRig.Probe };
            var res = ChpstRig.Launch("/bin/sh", new[] { "-c", script, ChpstRig.Tool(isC, "chpst"), "out" }, t.Path, env);
            Assert.True(res.ExitCode == 0, res.ToString());
            reports.Add(File.ReadAllBytes(t["out"]));
        }
        Assert.Equal(reports[0], reports[1]);
        byte[] argv0 = [.. "argv0=a"u8, 0xff, (byte)'b', (byte)'\n'];
        Assert.True(System.MemoryExtensions.IndexOf((System.ReadOnlySpan<byte>)reports[1], argv0) >= 0);
        Assert.Contains((byte)0xfe, reports[1]);
        Cmd.Run("rm", "-rf", t["env"]);  // a name that is not UTF-8: .NET's Directory.Delete cannot remove it
    }

    private static (CmdResult Result, string Report) RunOne(bool isC, string tool, string[] args, TempDir t,
        Dictionary<string, string?> env)
    {
        string outFile = t[isC ? "c.out" : "r.out"];
        var list = new List<string>();
        foreach (string a in args)
        {
            if (a == "@P") { list.Add(ChpstRig.Probe); list.Add("report.out"); }
            else list.Add(a.Replace("@E", t["env"]).Replace("@S", t["sub"]).Replace("@T", t["pathenv"]).Replace("@L", t["x.lock"]));
        }
        string exe = ChpstRig.Tool(isC, tool);
        string report = t["report.out"];
        File.Delete(report);
        var res = ChpstRig.Launch(exe, list, t.Path, env);
        string text = File.Exists(report) ? File.ReadAllText(report) : "(none)";
        File.Delete(report);
        return (res, text);
    }

    /// <summary>
    /// runit 2.3.0's usage line has -C (added in 2.2.0), Debian's 2.1.2 binary's has not;
    /// the version strings differ by design.
    /// </summary>
    private static string Normalize(string stderr) =>
        Regex.Replace(stderr.Replace(" [-C pwd]", ""), @"\$Id: [^$]*\$", "$Id$");
}
