using System.Collections.Generic;
using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Chpst;

/// <summary>Each chpst option, checked from inside the exec'ed program (the probe reports its own state).</summary>
public class ChpstEffectTests
{
    private static string R(string name = "chpst") => ChpstRig.Tool(c: false, name);

    private static (CmdResult Result, Dictionary<string, string> Report, List<string> Env) Probe(
        string tool, IEnumerable<string> args, TempDir t, IDictionary<string, string?>? env = null, string? sh = null)
    {
        string outFile = t["report"];
        File.Delete(outFile);
        var all = args.Concat(new[] { ChpstRig.Probe, outFile }).ToList();
        var res = ChpstRig.RunProbe(tool, all, outFile, t.Path, env, sh);
        Assert.True(res.Result.ExitCode == 0, res.Result.ToString());
        return res;
    }

    [Fact]
    public void UserSetsUidGidAndExactlyItsGroup()
    {
        using var t = ChpstRig.OpenTemp("chpst-u");
        // setpriv gives the caller root's group and more as supplementary groups: none may survive.
        var (_, r, _) = Probe("setpriv", new[] { "--groups", "0,4,27", R(), "-u", "nobody" }, t);
        Assert.Equal("65534,65534,65534", r["uid"]);
        Assert.Equal("65534,65534,65534", r["gid"]);
        Assert.Equal("65534", r["groups"]);
    }

    [Fact]
    public void UserWithGroupListSetsAllListedGroups()
    {
        using var t = ChpstRig.OpenTemp("chpst-ug");
        var (_, r, _) = Probe(R(), new[] { "-u", "nobody:daemon:bin" }, t);
        Assert.Equal("65534,65534,65534", r["uid"]);
        Assert.Equal("1,1,1", r["gid"]);
        Assert.Equal("1,2", r["groups"]);
    }

    [Fact]
    public void NumericUidGidsAreNotLookedUp()
    {
        using var t = ChpstRig.OpenTemp("chpst-num");
        var (_, r, _) = Probe(R(), new[] { "-u", ":4321:77:78:79" }, t);
        Assert.Equal("4321,4321,4321", r["uid"]);
        Assert.Equal("77,77,77", r["gid"]);
        Assert.Equal("77,78,79", r["groups"]);
    }

    [Fact]
    public void AfterUserNobodyRootCannotBeRegained()
    {
        using var t = ChpstRig.OpenTemp("chpst-sec");
        string outFile = t["report"];
        var res = ChpstRig.RunProbe("setpriv", new[] { "--groups", "0", R(), "-u", "nobody", ChpstRig.Probe, outFile, "root" }, outFile, t.Path);
        Assert.Equal(0, res.Result.ExitCode);
        var r = res.Report;
        Assert.Equal("1", r["setuid0"]);   // EPERM
        Assert.Equal("1", r["seteuid0"]);
        Assert.Equal("1", r["setgid0"]);
        Assert.Equal("1", r["setgroups0"]);
        Assert.Equal("65534", r["finaluid"]);
        Assert.DoesNotContain("0", r["groups"].Split(','));
        Assert.Equal("0000000000000000", r["CapEff"]);
    }

    [Fact]
    public void EnvUserSetsUidGidVariablesOnly()
    {
        using var t = ChpstRig.OpenTemp("chpst-U");
        var (_, r, env) = Probe(R(), new[] { "-U", "nobody:daemon" }, t);
        Assert.Contains("UID=65534", env);
        Assert.Contains("GID=1", env);
        Assert.Equal("0,0,0", r["uid"]);
    }

    [Fact]
    public void Argv0IsReplaced()
    {
        using var t = ChpstRig.OpenTemp("chpst-b");
        var (_, r, _) = Probe(R(), new[] { "-b", "my-daemon" }, t);
        Assert.Equal("my-daemon", r["argv0"]);
    }

    [Fact]
    public void EnvDirSetsTrimsConvertsAndUnsets()
    {
        using var t = ChpstRig.OpenTemp("chpst-e");
        t.Write("env/PLAIN", "value\n");
        t.Write("env/TRIM", "a b \t \nsecond line\n");
        File.WriteAllBytes(t["env/NULS"], "x\0y\0\n"u8.ToArray());
        t.Write("env/GONE", "");
        t.Write("env/.HIDDEN", "no\n");
        t.Write("env/REPLACED", "new");
        var env = new Dictionary<string, string?> { ["GONE"] = "1", ["REPLACED"] = "old", ["KEEP"] = "k" };
        var (_, _, e) = Probe(R(), new[] { "-e", t["env"] }, t, env);
        Assert.Contains("PLAIN=value", e);
        Assert.Contains("TRIM=a b", e);
        Assert.Contains("env:NULS=x\ny\n\n", File.ReadAllText(t["report"]));  // NULs became newlines
        Assert.Contains("REPLACED=new", e);
        Assert.Contains("KEEP=k", e);
        Assert.DoesNotContain(e, l => l.StartsWith("GONE"));
        Assert.DoesNotContain(e, l => l.StartsWith(".HIDDEN"));
        Assert.DoesNotContain("REPLACED=old", e);
    }

    [Fact]
    public void ChrootAndChdirAfterIt()
    {
        using var t = ChpstRig.OpenTemp("chpst-root");
        string root = t["root"];
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        File.WriteAllText(Path.Combine(root, "probe-root-marker"), "");
        File.Copy(ChpstRig.Probe, Path.Combine(root, "probe"));
        File.SetUnixFileMode(Path.Combine(root, "probe"), (UnixFileMode)0b111_101_101);
        var res = Cmd.Run(R(), new[] { "-/", root, "-C", "/sub", "/probe", "/out" }, t.Path);
        Assert.True(res.ExitCode == 0, res.ToString());
        string report = File.ReadAllText(Path.Combine(root, "out"));
        Assert.Contains("rootmarker=1\n", report);
        Assert.Contains("cwd=/sub\n", report);
    }

    [Fact]
    public void ChdirOption()
    {
        using var t = ChpstRig.OpenTemp("chpst-C");
        Directory.CreateDirectory(t["work"]);
        var (_, r, _) = Probe(R(), new[] { "-C", t["work"] }, t);
        Assert.Equal(t["work"], r["cwd"]);
    }

    [Fact]
    public void NiceAddsToTheLevel()
    {
        using var t = ChpstRig.OpenTemp("chpst-n");
        var (_, before, _) = Probe("/usr/bin/env", new string[0], t);
        var (_, r, _) = Probe(R(), new[] { "-n", "+7" }, t);
        Assert.Equal(int.Parse(before["nice"]) + 7, int.Parse(r["nice"]));
    }

    [Fact]
    public void LimitsAreSetCappedAtTheHardLimit()
    {
        using var t = ChpstRig.OpenTemp("chpst-lim");
        var (_, base0, _) = Probe("/usr/bin/env", new string[0], t);
        var (_, r, _) = Probe(R(), new[] { "-m", "300000000", "-o", "100", "-p", "50", "-f", "4096", "-c", "0", "-t", "30", "-r", "5000000" }, t);
        foreach (int res in new[] { 2, 3, 8, 9 })
            Assert.Equal(Capped(base0, res, 300000000), r["rlimit" + res]);
        Assert.Equal(Capped(base0, 7, 100), r["rlimit7"]);
        Assert.Equal(Capped(base0, 6, 50), r["rlimit6"]);
        Assert.Equal(Capped(base0, 1, 4096), r["rlimit1"]);
        Assert.Equal(Capped(base0, 4, 0), r["rlimit4"]);
        Assert.Equal(Capped(base0, 0, 30), r["rlimit0"]);
        Assert.Equal(Capped(base0, 5, 5000000), r["rlimit5"]);
        var (_, d, _) = Probe(R(), new[] { "-d", "123456789" }, t);
        Assert.Equal(Capped(base0, 2, 123456789), d["rlimit2"]);
    }

    private static string Capped(Dictionary<string, string> baseline, int res, long want)
    {
        string max = baseline["rlimit" + res].Split(',')[1];
        long m = long.Parse(max);
        long cur = m != -1 && (ulong)want > (ulong)m ? m : want;
        return cur + "," + max;
    }

    [Fact]
    public void PgrpMakesASessionLeader()
    {
        using var t = ChpstRig.OpenTemp("chpst-P");
        var (_, plain, _) = Probe(R(), new string[0], t);
        Assert.Equal("0", plain["sessionleader"]);
        var (_, r, _) = Probe(R(), new[] { "-P" }, t);
        Assert.Equal("1", r["sessionleader"]);
        Assert.Equal("1", r["pgrpleader"]);
    }

    [Fact]
    public void CloseStdFds()
    {
        using var t = ChpstRig.OpenTemp("chpst-012");
        var (_, r, _) = Probe(R(), new[] { "-0", "-1", "-2" }, t);
        Assert.Equal("", r["fds"]);
        var (_, one, _) = Probe(R(), new[] { "-1" }, t);
        Assert.Equal("0,2", one["fds"]);
    }

    [Fact]
    public void NoRuntimeStateReachesTheProgram()
    {
        using var t = ChpstRig.OpenTemp("chpst-clean");
        var (_, r, _) = Probe(R(), new[] { "-u", "nobody", "-e", t.Path }, t);
        Assert.Equal("0,1,2", r["fds"]);
        Assert.Equal("0", r["blocked"]);
        Assert.Equal("0000000000000000", r["SigBlk"]);
        Assert.Equal("0000000000000000", r["SigIgn"]);
        Assert.Equal("0000000000000000", r["SigCgt"]);
    }

    [Fact]
    public void InheritedIgnoresStayAndTheMaskIsEmpty()
    {
        using var t = ChpstRig.OpenTemp("chpst-sig");
        // HUP and USR1 ignored by the caller stay ignored (exec semantics, as with C chpst).
        var (_, r, _) = Probe(R(), new string[0], t, sh: "trap '' HUP USR1;");
        Assert.Equal("0000000000000201", r["SigIgn"]);
        Assert.Equal("0000000000000000", r["SigBlk"]);
    }

    [Fact]
    public void RuntimeIgnoredSigpipeIsNotPassedOn()
    {
        // Deliberate difference: the .NET runtime sets SIGPIPE to SIG_IGN before any of
        // runnel's code runs, so the caller's SIGPIPE state is unknowable; runnel gives
        // the program the default (what runsv and shells give it). C chpst would pass an
        // inherited ignore on.
        using var t = ChpstRig.OpenTemp("chpst-pipe");
        string outFile = t["report"];
        var res = ChpstRig.RunProbe(R(), new[] { ChpstRig.Probe, outFile }, outFile, t.Path, mode: "--launch-ignpipe");
        Assert.Equal(0, res.Result.ExitCode);
        Assert.Equal("0000000000000000", res.Report["SigIgn"]);
    }

    [Fact]
    public void CallersBlockedSignalsAreNotPassedOn()
    {
        // The program starts with an empty mask even when chpst's caller had signals blocked
        // (the runtime clears the main thread's mask at startup; chpst sets it empty before exec).
        using var t = ChpstRig.OpenTemp("chpst-mask");
        string outFile = t["report"];
        var res = ChpstRig.RunProbe(R(), new[] { "-u", "nobody", ChpstRig.Probe, outFile }, outFile, t.Path, mode: "--launch-blocked");
        Assert.Equal(0, res.Result.ExitCode);
        Assert.Equal("0000000000000000", res.Report["SigBlk"]);
        Assert.Equal("0", res.Report["blocked"]);
    }

    [Fact]
    public void CalledAsRunnelTool()
    {
        using var t = ChpstRig.OpenTemp("chpst-runnel");
        t.Write("env/X", "y\n");
        var (_, r, e) = Probe(Paths.Tool("runnel"), new[] { "chpst", "-b", "named", "-e", t["env"] }, t);
        Assert.Equal("named", r["argv0"]);
        Assert.Contains("X=y", e);
        var (_, r2, e2) = Probe(Paths.Tool("runnel"), new[] { "envdir", t["env"] }, t);
        Assert.Equal(ChpstRig.Probe, r2["argv0"]);
        Assert.Contains("X=y", e2);
    }

    [Fact]
    public void EnvironmentIsPassedExactly()
    {
        using var t = ChpstRig.OpenTemp("chpst-env");
        var (_, _, e) = Probe("env", new[] { "-i", "A=1", "B=2", "PATH=/usr/bin:/bin", R() }, t);
        Assert.Equal(new[] { "A=1", "B=2", "PATH=/usr/bin:/bin" }, e);
    }
}
