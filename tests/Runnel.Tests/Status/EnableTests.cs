using System.Collections.Generic;
using System.Linq;
using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Runnel.Tests.Runsvdir;
using Xunit;

namespace Runnel.Tests.Status;

/// <summary>runnel enable / disable against a live runsvdir (runnel's) with either runsv.</summary>
public sealed class EnableTests
{
    public static TheoryData<RunsvFlavour> Flavours => new() { RunsvFlavour.C, RunsvFlavour.Runnel };

    private static CmdResult Tool(SvTree t, string verb, params string[] args)
    {
        var all = new List<string> { verb };
        all.AddRange(args);
        return Cmd.Run(Paths.Tool("runnel"), all, cwd: t.Dir.Path, env: SvlsRun.Env(t.Svc, t.Sv));
    }

    private static SvTree Started(RunsvFlavour f)
    {
        var t = new SvTree(f);
        t.Start(DirFlavour.Runnel, "svc");
        return t;
    }

    [Theory, MemberData(nameof(Flavours))]
    public void Enable_links_the_definition_and_returns_once_runsv_runs(RunsvFlavour f)
    {
        using var t = Started(f);
        t.Service("web");
        var r = Tool(t, "enable", "-w", "20", "web");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("ok: web: enabled\n", r.Stdout);
        Assert.Equal(t.Dir["sv/web"], new FileInfo(t.Dir["svc/web"]).LinkTarget);
        // enable waited for runsvdir's runsv: supervise/ok has a reader now.
        Assert.True(ServiceStatus.RunsvRunning(t.Dir["svc/web"], out _));
        t.WaitRun("web");
        var again = Tool(t, "enable", "web");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("ok: web: already enabled\n", again.Stdout);
    }

    [Theory, MemberData(nameof(Flavours))]
    public void Disable_stops_the_service_its_log_and_its_runsv_then_the_link_is_gone(RunsvFlavour f)
    {
        using var t = Started(f);
        t.Service("web");
        t.Dir.Script("sv/web/log/run", "exec cat >/dev/null");
        Assert.Equal(0, Tool(t, "enable", "-w", "20", "web").ExitCode);
        t.WaitRun("web");
        Wait.Until(() => File.Exists(t.Dir["sv/web/log/supervise/pid"]) && File.ReadAllText(t.Dir["sv/web/log/supervise/pid"]).Trim().Length > 0, "web's log to run");
        int runsv = t.WaitRunsv("web");
        int svc = int.Parse(File.ReadAllText(t.Dir["sv/web/supervise/pid"]).Trim());
        int log = int.Parse(File.ReadAllText(t.Dir["sv/web/log/supervise/pid"]).Trim());

        var r = Tool(t, "disable", "-w", "20", "web");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("ok: web: disabled\n", r.Stdout);
        Assert.False(File.Exists(t.Dir["svc/web"]) || Directory.Exists(t.Dir["svc/web"]));
        Assert.False(Proc.Alive(svc));
        Assert.False(Proc.Alive(log));
        Assert.False(Proc.Alive(runsv));
        Assert.False(t.RunsvByName().ContainsKey("web"));
        Assert.False(ServiceStatus.RunsvRunning(t.Dir["sv/web"], out _));
        // The definition is left as it was, down.
        Assert.Equal("down", File.ReadAllText(t.Dir["sv/web/supervise/stat"]).Trim());

        var again = Tool(t, "disable", "web");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("ok: web: already disabled\n", again.Stdout);
    }

    [Fact]
    public void Enable_by_path_names_the_service_after_the_directory_and_removes_a_disabled_mark()
    {
        using var t = Started(RunsvFlavour.Runnel);
        t.Service("api");
        File.CreateSymbolicLink(t.Dir["svc/.api"], t.Dir["sv/api"]); // Debian's update-service mark
        var r = Tool(t, "enable", "sv/api/");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(t.Dir["sv/api"], new FileInfo(t.Dir["svc/api"]).LinkTarget);
        Assert.False(File.Exists(t.Dir["svc/.api"]) || Directory.Exists(t.Dir["svc/.api"]));
        t.WaitRun("api");
        Assert.Equal(0, Tool(t, "disable", t.Dir["sv/api"]).ExitCode);
        Assert.False(Directory.Exists(t.Dir["svc/api"]));
    }

    [Fact]
    public void Refuses_missing_definitions_non_executable_run_bad_names_and_foreign_links()
    {
        using var t = new SvTree(RunsvFlavour.Runnel);
        var missing = Tool(t, "enable", "nothere");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"runnel enable: fail: nothere: no service definition {t.Dir["sv/nothere"]}\n", missing.Stderr);

        t.Dir.Write("sv/noexec/run", "#!/bin/sh\n");
        var noexec = Tool(t, "enable", "noexec");
        Assert.Equal(1, noexec.ExitCode);
        Assert.Equal($"runnel enable: fail: noexec: {t.Dir["sv/noexec/run"]} is not an executable file\n", noexec.Stderr);

        var dot = Tool(t, "enable", t.Dir["sv/.x"]);
        Assert.Equal(1, dot.ExitCode);
        Assert.Contains("must not start with a dot", dot.Stderr);

        t.Service("a");
        t.Service("b");
        File.CreateSymbolicLink(t.Dir["svc/a"], t.Dir["sv/b"]);
        var foreign = Tool(t, "enable", "a");
        Assert.Equal(1, foreign.ExitCode);
        Assert.Equal($"runnel enable: fail: a: {t.Dir["svc/a"]} exists but does not point to {t.Dir["sv/a"]}\n", foreign.Stderr);
        var byPath = Tool(t, "disable", t.Dir["sv/a"]);
        Assert.Equal(1, byPath.ExitCode);
        Assert.Contains("does not point to", byPath.Stderr);
        Assert.True(File.Exists(t.Dir["svc/a"]) || Directory.Exists(t.Dir["svc/a"]));

        t.Service("real");
        Directory.CreateDirectory(t.Dir["svc/real"]);
        Assert.Contains("is not a symbolic link", Tool(t, "enable", "real").Stderr);
        Assert.Contains("is not a symbolic link", Tool(t, "disable", "real").Stderr);

        var unknown = Tool(t, "disable", "ghost");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown service", unknown.Stderr);
        // Not a single link was made by any of these.
        Assert.Equal(new[] { "a", "real" }, Directory.GetFileSystemEntries(t.Svc).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Usage_and_no_runsvdir()
    {
        using var t = new SvTree(RunsvFlavour.Runnel);
        var u = Tool(t, "enable");
        Assert.Equal(100, u.ExitCode);
        Assert.Equal("usage: runnel disable [-w sec] service ...\n\n", Tool(t, "disable", "-x", "a").Stderr[^"usage: runnel disable [-w sec] service ...\n\n".Length..]);
        Assert.Equal(100, Tool(t, "disable", "-w", "soon", "a").ExitCode);
        // No runsvdir watches svc: the link is made, the wait times out.
        t.Service("lonely");
        var r = Tool(t, "enable", "-w", "1", "lonely");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"runnel enable: warning: lonely: enabled, but no runsv started within 1 s (is runsvdir running on {t.Svc}?)\n", r.Stderr);
        Assert.True(Directory.Exists(t.Dir["svc/lonely"]));
        // Without a runsv, disable only removes the link.
        var d = Tool(t, "disable", "lonely");
        Assert.Equal(0, d.ExitCode);
        Assert.False(Directory.Exists(t.Dir["svc/lonely"]));
    }

    [Fact]
    public void A_definition_already_under_a_runsv_is_not_enabled_twice()
    {
        using var t = new SvTree(RunsvFlavour.Runnel);
        t.Service("solo");
        using var rs = new RunsvProcess(Flavour.Runnel, t.Dir["sv/solo"]);
        rs.WaitRunning();
        var r = Tool(t, "enable", "solo");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"runnel enable: fail: solo: {t.Dir["sv/solo"]} is already supervised by a runsv\n", r.Stderr);
        Assert.False(Directory.Exists(t.Dir["svc/solo"]));
    }

    /// <summary>A service that ignores TERM is killed after -w, as sv force-stop does; the kill makes the exit 1.</summary>
    [Theory, MemberData(nameof(Flavours))]
    public void Disable_kills_a_service_that_ignores_term(RunsvFlavour f)
    {
        using var t = Started(f);
        t.Service("stubborn", run: "trap '' TERM\nexec sleep 1000");
        Assert.Equal(0, Tool(t, "enable", "-w", "20", "stubborn").ExitCode);
        t.WaitRun("stubborn");
        int svc = int.Parse(File.ReadAllText(t.Dir["sv/stubborn/supervise/pid"]).Trim());
        var r = Tool(t, "disable", "-w", "1", "stubborn");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("runnel disable: warning: stubborn: not down within 1 s: sending kill\n", r.Stderr);
        Assert.Equal("ok: stubborn: disabled\n", r.Stdout);
        Assert.False(Proc.Alive(svc));
        Assert.False(Directory.Exists(t.Dir["svc/stubborn"]));
    }
}
