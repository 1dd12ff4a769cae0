using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsvdir;

/// <summary>
/// runnel's runsvdir with either runsv (C or runnel) first in PATH. The
/// runnel-runsv rows need runnel's runsv; they are expected to fail until it lands.
/// </summary>
public sealed class RunsvdirTests
{
    public static TheoryData<RunsvFlavour> Flavours => new() { RunsvFlavour.C, RunsvFlavour.Runnel };

    [Theory, MemberData(nameof(Flavours))]
    public void Starts_one_runsv_per_directory_and_symlink_but_not_dot_names_or_files(RunsvFlavour f)
    {
        using var t = new SvTree(f);
        t.Dir.Script("svc/real/run", "exec sleep 1000");
        t.Service("linked");
        t.Enable("linked");
        t.Dir.Script("svc/.hidden/run", "exec sleep 1000");
        t.Dir.Write("svc/file", "not a service");
        File.CreateSymbolicLink(t.Dir["svc/dangling"], t.Dir["sv/nothing"]);
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("linked");
        t.WaitRun("real");
        Assert.Equal(new[] { "linked", "real" }, t.RunsvByName().Keys.OrderBy(k => k));
        Assert.False(Directory.Exists(t.Dir["svc/.hidden/supervise"]));
        Assert.Equal(2, Proc.Children(t.Pid).Length);
    }

    [Theory, MemberData(nameof(Flavours))]
    public void New_link_starts_a_runsv_and_removed_link_stops_it(RunsvFlavour f)
    {
        using var t = new SvTree(f);
        t.Service("a");
        t.Service("b");
        t.Enable("a");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("a");
        t.Enable("b");
        t.WaitRun("b");
        int pid = t.WaitRunsv("b");
        File.Delete(t.Dir["svc/b"]);
        Wait.Until(() => !Proc.Alive(pid), "runsv b to get TERM and exit");
        Assert.True(t.RunsvByName().ContainsKey("a"));
        Assert.False(t.RunsvByName().ContainsKey("b"));
    }

    [Theory, MemberData(nameof(Flavours))]
    public void A_runsv_that_died_is_restarted(RunsvFlavour f)
    {
        using var t = new SvTree(f);
        t.Service("a");
        t.Enable("a");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("a");
        int old = t.WaitRunsv("a");
        SvTree.Kill(old, 15);
        int now = t.WaitRunsv("a", notPid: old);
        Assert.NotEqual(old, now);
        t.WaitRun("a");
    }

    [Theory, MemberData(nameof(Flavours))]
    public void A_name_that_now_leads_to_another_directory_gets_a_new_runsv(RunsvFlavour f)
    {
        using var t = new SvTree(f);
        t.Service("a");
        t.Service("a2");
        t.Enable("a");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("a");
        int old = t.WaitRunsv("a");
        // ln -sfn: a new link renamed over the old name.
        t.Relink("a", "a2");
        Wait.Until(() => !Proc.Alive(old), "the old runsv to get TERM");
        t.WaitRunsv("a", notPid: old);
        Wait.Until(() => File.Exists(t.Dir["sv/a2/supervise/stat"]) && File.ReadAllText(t.Dir["sv/a2/supervise/stat"]) == "run\n", "a2 to run");
    }

    [Theory, MemberData(nameof(Flavours))]
    public void TERM_exits_0_at_once_and_leaves_the_runsv_running(RunsvFlavour f)
    {
        using var t = new SvTree(f);
        t.Service("a");
        t.Enable("a");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("a");
        int runsv = t.WaitRunsv("a");
        SvTree.Kill(t.Pid, 15);
        Assert.Equal(0, t.WaitExit());
        Assert.True(Proc.Alive(runsv));
    }

    [Theory, MemberData(nameof(Flavours))]
    public void HUP_sends_TERM_to_every_runsv_and_exits_111(RunsvFlavour f)
    {
        using var t = new SvTree(f);
        t.Service("a");
        t.Service("b");
        t.Enable("a");
        t.Enable("b");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("a");
        t.WaitRun("b");
        int[] runsv = t.RunsvByName().Values.ToArray();
        Assert.Equal(2, runsv.Length);
        SvTree.Kill(t.Pid, 1);
        Assert.Equal(111, t.WaitExit());
        foreach (int p in runsv) Wait.Until(() => !Proc.Alive(p), $"runsv {p} to exit after TERM");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dash_P_puts_each_runsv_in_its_own_session(bool dashP)
    {
        using var t = new SvTree(RunsvFlavour.C);
        t.Service("a");
        t.Enable("a");
        if (dashP) t.Start(DirFlavour.Runnel, "-P", "svc");
        else t.Start(DirFlavour.Runnel, "svc");
        int runsv = t.WaitRunsv("a");
        if (dashP) Assert.Equal(runsv, Proc.Sid(runsv));
        else Assert.Equal(Proc.Sid(t.Pid), Proc.Sid(runsv));
    }

    [Fact]
    public void Runsv_starts_with_clean_signal_state_no_fd_of_runsvdirs_own_and_its_name()
    {
        using var t = new SvTree(runsv: null);
        // A stand-in runsv with no shell in between: `runsv 1000` runs /bin/sleep as runsv.
        File.CreateSymbolicLink(Path.Combine(t.Bin, "runsv"), "/bin/sleep");
        Directory.CreateDirectory(t.Dir["svc/1000"]);
        File.SetLastWriteTimeUtc(t.Dir["svc/1000"], System.DateTime.UtcNow.AddMinutes(-1));
        t.Start(DirFlavour.Runnel, "svc", "log: ............");
        int pid = t.WaitRunsv("1000");
        // The child gets exactly runsvdir's fds that are not close-on-exec: 0, 1, 2 and whatever
        // runsvdir itself inherited (passed on as runit does); none of runsvdir's own fds.
        int[] inherited = Proc.Fds(t.Pid).Where(fd => !Proc.Cloexec(t.Pid, fd)).ToArray();
        Assert.Equal(new[] { 0, 1, 2 }, inherited.Take(3));
        // Read after exec has finished (comm and argv change before close-on-exec fds are closed).
        Wait.For(() => string.Join(" ", Proc.Comm(pid), Proc.Status(pid, "SigBlk"), Proc.Status(pid, "SigIgn"),
                string.Join(",", Proc.Fds(pid)), Proc.Cwd(pid)),
            s => s == $"runsv 0000000000000000 0000000000000000 {string.Join(",", inherited)} {t.Svc}", "clean state", 5_000);
        Assert.DoesNotContain(Proc.Fds(pid), fd => new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget!.StartsWith("anon_inode"));
        // stderr is runsvdir's log pipe.
        Assert.StartsWith("pipe:", new FileInfo($"/proc/{pid}/fd/2").LinkTarget);
    }

    [Theory, MemberData(nameof(Flavours))]
    public void Proc_shows_runsvdir_runsv_service_and_svlogd(RunsvFlavour f)
    {
        using var t = new SvTree(f);
        t.Service("web", "exec sleep 1000");
        t.Dir.Script("sv/web/log/run", $"exec {Paths.CTool("svlogd")} -tt ./main");
        Directory.CreateDirectory(t.Dir["sv/web/log/main"]);
        t.Enable("web");
        t.Start(DirFlavour.Runnel, "-P", "svc", "log: ..........................................");
        t.WaitRun("web");
        Wait.Until(() => File.Exists(t.Dir["sv/web/log/supervise/stat"]) &&
            File.ReadAllText(t.Dir["sv/web/log/supervise/stat"]) == "run\n", "the logger to run");
        Assert.Equal("runsvdir", Proc.Comm(t.Pid));
        int runsv = t.WaitRunsv("web");
        Assert.Equal("runsv", Proc.Comm(runsv));
        Assert.Equal(new[] { "runsv", "web" }, Proc.Argv(runsv));
        // Wait for the service's run script to exec sleep.
        string[] kids = Wait.For(() => Proc.Children(runsv).Select(p => Proc.Comm(p) ?? "").OrderBy(c => c).ToArray(),
            k => k.Length == 2 && k[0] == "sleep", "service and logger under runsv");
        Assert.Equal(new[] { "sleep", "svlogd" }, kids);
    }

    [Fact]
    public void Log_argument_shows_the_latest_messages_in_argv()
    {
        using var t = new SvTree(RunsvFlavour.C);
        t.Service("a", "echo hello-from-a >&2\nexec sleep 1000");
        t.Enable("a");
        string log = "log: " + new string('.', 40);
        t.Start(DirFlavour.Runnel, "svc", log);
        string[] argv = Wait.For(() => Proc.Argv(t.Pid), a => a.Length == 3 && a[2].EndsWith("hello-from-a\n"), "the message in argv");
        Assert.Equal(log.Length, argv[2].Length);
        Assert.Equal("log: " + new string('.', 40 - 13) + "hello-from-a\n", argv[2]);
    }

    [Fact]
    public void Log_argument_works_when_called_as_runnel_runsvdir()
    {
        using var t = new SvTree(RunsvFlavour.C);
        t.Service("a", "echo hello-from-a >&2\nexec sleep 1000");
        t.Enable("a");
        t.StartExe(Paths.Tool("runnel"), null, "runsvdir", "svc", "log: ......................");
        Wait.For(() => Proc.Argv(t.Pid), a => a.Length == 4 && a[3] == "log: .........hello-from-a\n", "the message in argv[3]");
        Assert.Equal(new[] { "runsvdir", "svc" }, Proc.Argv(t.Pid)[1..3]);
    }

    [Fact]
    public void As_PID_1_it_reaps_orphans_and_TERM_still_ends_it()
    {
        using var t = new SvTree(RunsvFlavour.C);
        // The orphan's shell exits after writing the marker and is re-parented to PID 1.
        t.Service("a", "( (sleep 0.2; echo > ../orphan-done) & )\nexec sleep 1000");
        t.Enable("a");
        t.StartExe("/usr/bin/unshare", null, "-p", "-f", "--mount-proc", SvTree.RunsvdirPath(DirFlavour.Runnel), "svc");
        int rsd = Wait.For(() => Proc.Children(t.Pid).FirstOrDefault(), p => p != 0 && Proc.Comm(p) == "runsvdir", "runsvdir under unshare");
        t.WaitRun("a");
        Wait.Until(() => File.Exists(t.Dir["sv/orphan-done"]), "the orphan to finish");
        Wait.Until(() => !Proc.All().Any(p => Proc.Ppid(p) == rsd && Proc.State(p) == 'Z'), "no zombie under runsvdir");
        SvTree.Kill(rsd, 15);
        Assert.Equal(0, t.WaitExit());
    }

    [Fact]
    public void Too_many_services_are_refused_with_runits_warning()
    {
        using var t = new SvTree(runsv: null);
        t.StandInRunsv();
        foreach (string n in new[] { "a", "b", "c" }) t.Dir.Script($"sv/{n}/run", "exit 0");
        foreach (string n in new[] { "a", "b", "c" }) t.Enable(n);
        t.StartWith(DirFlavour.Runnel, new System.Collections.Generic.Dictionary<string, string?> { ["RUNSVDIR_MAX"] = "2" }, "svc");
        Wait.Until(() => Proc.Children(t.Pid).Length == 2, "two runsv");
        string err = Wait.For(t.Stderr, e => e.Contains("too many services."), "the warning");
        Assert.Matches(@"^runsvdir svc: warning: unable to start runsv [abc]: too many services\.\n", err);
        Assert.Equal(2, Proc.Children(t.Pid).Length);
    }

    [Theory]
    [InlineData(null, 1000)]
    [InlineData("2000", 1100)]
    public void Default_limit_is_1000_and_RUNSVDIR_MAX_goes_beyond(string? max, int expect)
    {
        using var t = new SvTree(runsv: null);
        t.StandInRunsv();
        for (int i = 0; i < 1100; i++) Directory.CreateDirectory(t.Dir[$"sv/s{i}"]);
        for (int i = 0; i < 1100; i++) t.Enable($"s{i}");
        var env = new System.Collections.Generic.Dictionary<string, string?> { ["RUNSVDIR_MAX"] = max };
        t.StartWith(DirFlavour.Runnel, env, "svc");
        Wait.Until(() => Proc.Children(t.Pid).Length >= expect, $"{expect} runsv", 60_000);
        if (expect == 1000)
        {
            string err = Wait.For(t.Stderr, e => e.Split('\n').Count(l => l.EndsWith("too many services.")) >= 100, "100 warnings");
            Assert.DoesNotContain("fatal", err);
        }
        Assert.Equal(expect, Proc.Children(t.Pid).Length);
    }

    [Fact]
    public void SIGALRM_rescans_at_once()
    {
        using var t = new SvTree(RunsvFlavour.C);
        // A dangling link: when its target appears, nothing in svc changes.
        t.Enable("late");
        t.Service("early");
        t.Enable("early");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("early");
        t.Service("late");
        SvTree.Kill(t.Pid, 14);
        t.WaitRun("late");
    }

    [Fact]
    public void Missing_runsv_is_reported_and_retried_without_exiting()
    {
        using var t = new SvTree(runsv: null);
        t.Service("a");
        t.Enable("a");
        t.Start(DirFlavour.Runnel, "svc");
        Wait.For(t.Stderr, e => e.Contains("unable to start runsv a"), "the message");
        Assert.StartsWith("runsvdir svc: fatal: unable to start runsv a: file does not exist\n", t.Stderr());
        Assert.False(t.Runsvdir!.HasExited);
        t.LinkRunsv(RunsvFlavour.C);
        t.WaitRun("a");
    }

    [Fact]
    public void Missing_directory_is_reported_and_picked_up_when_it_appears()
    {
        using var t = new SvTree(RunsvFlavour.C);
        t.Service("a");
        t.Start(DirFlavour.Runnel, "later");
        Wait.For(t.Stderr, e => e.Length > 0, "a warning");
        Assert.StartsWith("runsvdir later: warning: unable to stat later: file does not exist\n", t.Stderr());
        Directory.CreateDirectory(t.Dir["later"]);
        File.CreateSymbolicLink(t.Dir["later/a"], t.Dir["sv/a"]);
        Wait.For(() => File.Exists(t.Dir["sv/a/supervise/stat"]) ? File.ReadAllText(t.Dir["sv/a/supervise/stat"]) : "", s => s == "run\n", "a to run");
        Assert.False(t.Runsvdir!.HasExited);
    }
}
