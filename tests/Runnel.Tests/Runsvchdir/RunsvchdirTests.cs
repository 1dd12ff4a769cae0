using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsvchdir;

/// <summary>runnel's runsvchdir with $RUNSVDIR (runit 2.3.0) pointing at a temp base dir.</summary>
public sealed class RunsvchdirTests : IDisposable
{
    private readonly TempDir _d = new("runnel-svchdir");

    public RunsvchdirTests()
    {
        Directory.CreateDirectory(_d["default"]);
        Directory.CreateDirectory(_d["single"]);
        File.WriteAllText(_d["file"], "");
        File.CreateSymbolicLink(_d["current"], "default");
    }

    public void Dispose() => _d.Dispose();

    private CmdResult Run(params string[] args) => RunIn(_d.Path, args);

    private static CmdResult RunIn(string? baseDir, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["RUNSVDIR"] = baseDir };
        return Cmd.Run(Paths.Tool("runsvchdir"), args, cwd: "/", env: env);
    }

    private string Link(string name) => new FileInfo(_d[name]).LinkTarget ?? "(not a link)";

    [Fact]
    public void Switches_current_and_keeps_the_old_one_as_previous()
    {
        CmdResult r = Run("single");
        Assert.Equal("exit 0\n--- stdout\nrunsvchdir: single: now current.\n--- stderr\n", r.ToString());
        Assert.Equal("single", Link("current"));
        Assert.Equal("default", Link("previous"));
        Assert.False(File.Exists(_d["current.new"]) || Directory.Exists(_d["current.new"]));
        r = Run("default");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("default", Link("current"));
        Assert.Equal("single", Link("previous"));
    }

    [Fact]
    public void Already_current_changes_nothing()
    {
        CmdResult r = Run("default");
        Assert.Equal("exit 0\n--- stdout\nrunsvchdir: default: current.\n--- stderr\n", r.ToString());
        Assert.False(File.Exists(_d["previous"]));
    }

    [Fact]
    public void Absolute_dir_and_a_stale_current_new_are_handled()
    {
        File.CreateSymbolicLink(_d["current.new"], "stale");
        CmdResult r = Run(_d["single"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(_d["single"], Link("current"));
    }

    [Theory]
    [InlineData(".hidden", ": fatal: .hidden: must not start with a dot.\n")]
    [InlineData("nope", ": fatal: nope: file does not exist\n")]
    [InlineData("file", ": fatal: filenot a directory.\n")]
    public void Refuses_in_runits_words(string dir, string message)
    {
        CmdResult r = Run(dir);
        Assert.Equal(111, r.ExitCode);
        Assert.Equal(Paths.Tool("runsvchdir") + message, r.Stderr);
        Assert.Equal("default", Link("current"));
    }

    [Fact]
    public void Missing_base_dir_is_fatal()
    {
        CmdResult r = RunIn(_d["missing"], "x");
        Assert.Equal(111, r.ExitCode);
        Assert.Equal($"{Paths.Tool("runsvchdir")}: fatal: unable to chdir: {_d["missing"]}: file does not exist\n", r.Stderr);
    }

    [Fact]
    public void Missing_current_is_fatal()
    {
        File.Delete(_d["current"]);
        CmdResult r = Run("single");
        Assert.Equal(111, r.ExitCode);
        Assert.Equal($"{Paths.Tool("runsvchdir")}: fatal: unable to stat: current: file does not exist\n", r.Stderr);
    }

    [Fact]
    public void Usage_exits_1()
    {
        CmdResult r = Cmd.Run(Paths.Tool("runsvchdir"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"usage: {Paths.Tool("runsvchdir")} dir\n\n", r.Stderr);
    }

    [Theory]
    [InlineData(null, "/etc/runit/runsvdir")]
    [InlineData("", "/etc/runit/runsvdir")]
    [InlineData("/tmp/x", "/tmp/x")]
    public void RUNSVDIR_overrides_the_base(string? env, string want) =>
        Assert.Equal(want, Runnel.Tools.Runsvchdir.RunsvchdirTool.BaseDir(env));

    /// <summary>
    /// Against C runsvchdir (Debian 2.1.2 ignores $RUNSVDIR), in a private mount
    /// namespace whose /etc is a tmpfs with runit/runsvdir -> our temp dir; runnel
    /// runs there with $RUNSVDIR unset, so both use /etc/runit/runsvdir.
    /// </summary>
    [Fact]
    public void Same_output_exit_codes_and_links_as_C()
    {
        string script = string.Join("; ", new[] { "single", "single", ".x", "nope", "file", "default", "/nonexistent/abs" }
            .Select(a => $"runsvchdir '{a}'; echo \"rc=$?\"; ls -l current previous 2>&1 | sed 's/.*current/current/;s/.*previous/previous/'"));
        string Case(string tool)
        {
            using var t = new TempDir("runnel-svchdir-diff");
            Directory.CreateDirectory(t["bin"]);
            Directory.CreateDirectory(t["base/default"]);
            Directory.CreateDirectory(t["base/single"]);
            File.WriteAllText(t["base/file"], "");
            File.CreateSymbolicLink(t["base/current"], "default");
            File.CreateSymbolicLink(t["bin/runsvchdir"], tool);
            string inner = $"mount -t tmpfs none /etc && mkdir -p /etc/runit && ln -s {t["base"]} /etc/runit/runsvdir && cd /etc/runit/runsvdir && PATH={t["bin"]}:$PATH; unset RUNSVDIR; {script}";
            CmdResult r = Cmd.Run("unshare", "-m", "--propagation", "private", "/bin/sh", "-c", inner + " 2>&1");
            Assert.True(r.ExitCode == 0, r.ToString());
            return r.Stdout;
        }
        string c = Case(Paths.CTool("runsvchdir"));
        Assert.Contains("runsvchdir: single: now current.", c);
        Assert.Equal(c, Case(Paths.Tool("runsvchdir")));
    }
}
