using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsvdir;

/// <summary>The same scenario under C runsvdir and runnel's, with the C runsv; what clients see must match.</summary>
public sealed class RunsvdirDiffTests
{
    private static T Both<T>(Func<DirFlavour, T> scenario, out T c)
    {
        c = scenario(DirFlavour.C);
        return scenario(DirFlavour.Runnel);
    }

    /// <summary>Runs the tool as plain `runsvdir` from PATH, so argv[0] (and so the usage line) is the same.</summary>
    private static CmdResult ByName(DirFlavour f, params string[] args)
    {
        using var d = new TempDir("runnel-svdir-name");
        File.CreateSymbolicLink(d["runsvdir"], SvTree.RunsvdirPath(f));
        var env = new Dictionary<string, string?> { ["PATH"] = d.Path + ":" + Environment.GetEnvironmentVariable("PATH") };
        return Cmd.Run("/bin/sh", new[] { "-c", "exec runsvdir \"$@\"", "sh" }.Concat(args), env: env);
    }

    [Theory]
    [InlineData]
    [InlineData("-P")]
    [InlineData("--")]
    public void Usage(params string[] args)
    {
        CmdResult r = Both(f => ByName(f, args), out CmdResult c);
        Assert.Equal("usage: runsvdir [-P] dir\n\n", c.Stderr);
        Assert.Equal(c.ToString(), r.ToString());
        Assert.Equal(1, r.ExitCode);
    }

    private static string FirstLines(SvTree t, int n) =>
        string.Join("", Wait.For(t.Stderr, e => e.Count(ch => ch == '\n') >= n, $"{n} lines of stderr")
            .Split('\n').Take(n).Select(l => l + "\n"));

    [Fact]
    public void Short_log_is_refused_in_the_same_words()
    {
        string r = Both(f =>
        {
            using var t = new SvTree(RunsvFlavour.C);
            t.Start(f, "svc", "short");
            return FirstLines(t, 2);
        }, out string c);
        Assert.Equal("runsvdir svc: warning: log must have at least seven characters.\nrunsvdir svc: warning: log service disabled.\n", c);
        Assert.Equal(c, r);
    }

    [Fact]
    public void Missing_directory_is_reported_in_the_same_words()
    {
        string r = Both(f =>
        {
            using var t = new SvTree(RunsvFlavour.C);
            t.Start(f, "nonexistent");
            return FirstLines(t, 1);
        }, out string c);
        Assert.Equal("runsvdir nonexistent: warning: unable to stat nonexistent: file does not exist\n", c);
        Assert.Equal(c, r);
    }

    [Fact]
    public void A_file_as_dir_is_reported_in_the_same_words()
    {
        string r = Both(f =>
        {
            using var t = new SvTree(RunsvFlavour.C);
            t.Dir.Write("plain", "");
            t.Start(f, "plain");
            return FirstLines(t, 1);
        }, out string c);
        Assert.Equal("runsvdir plain: warning: unable to change directory to plain: not a directory\n", c);
        Assert.Equal(c, r);
    }

    [Fact]
    public void Missing_runsv_is_reported_in_the_same_words()
    {
        string r = Both(f =>
        {
            using var t = new SvTree(runsv: null);
            t.Service("a");
            t.Enable("a");
            t.Start(f, "svc");
            string first = FirstLines(t, 1);
            Assert.False(t.Runsvdir!.HasExited);
            return first;
        }, out string c);
        Assert.Equal("runsvdir svc: fatal: unable to start runsv a: file does not exist\n", c);
        Assert.Equal(c, r);
    }

    [Fact]
    public void Log_in_argv_reads_the_same()
    {
        string r = Both(f =>
        {
            using var t = new SvTree(RunsvFlavour.C);
            t.Service("a", "echo 'hello from a' >&2\nexec sleep 1000");
            t.Service("b", "echo 'and b' >&2\nexec sleep 1000");
            t.Enable("a");
            t.Start(f, "svc", "log: " + new string('.', 60));
            t.WaitRun("a");
            Wait.Until(() => Proc.Argv(t.Pid)[^1].EndsWith("hello from a\n"), "a's message in argv");
            t.Enable("b");
            t.WaitRun("b");
            return Wait.For(() => Proc.Argv(t.Pid)[^1], s => s.EndsWith("and b\n"), "b's message in argv", 15_000);
        }, out string c);
        Assert.Equal("log: " + new string('.', 60 - 19) + "hello from a\nand b\n", c);
        Assert.Equal(c, r);
    }

    [Fact]
    public void Pickup_removal_and_replacement_end_in_the_same_tree()
    {
        string r = Both(f =>
        {
            using var t = new SvTree(RunsvFlavour.C);
            foreach (string n in new[] { "a", "b", "c", "c2" }) t.Service(n);
            t.Enable("a");
            t.Enable("b");
            t.Start(f, "svc");
            t.WaitRun("a");
            t.WaitRun("b");
            int b = t.WaitRunsv("b");
            t.Enable("c");
            File.Delete(t.Dir["svc/a"]);
            t.WaitRun("c");
            Wait.Until(() => !t.RunsvByName().ContainsKey("a"), "a to go");
            t.Relink("b", "c2");
            t.WaitRunsv("b", notPid: b);
            t.WaitRun("b");
            return string.Join(",", t.RunsvByName().Keys.OrderBy(k => k)) + " " + File.ReadAllText(t.Dir["sv/c2/supervise/stat"]);
        }, out string c);
        Assert.Equal("b,c run\n", c);
        Assert.Equal(c, r);
    }

    [Fact]
    public void SIGALRM_rescans_in_both()
    {
        string r = Both(f =>
        {
            using var t = new SvTree(RunsvFlavour.C);
            t.Enable("late");
            t.Service("early");
            t.Enable("early");
            t.Start(f, "svc");
            t.WaitRun("early");
            t.Service("late");
            SvTree.Kill(t.Pid, 14);
            t.WaitRun("late");
            return string.Join(",", t.RunsvByName().Keys.OrderBy(k => k));
        }, out string c);
        Assert.Equal("early,late", c);
        Assert.Equal(c, r);
    }
}
