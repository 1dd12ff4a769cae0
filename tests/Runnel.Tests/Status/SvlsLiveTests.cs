using System.IO;
using System.Linq;
using System.Text.Json;
using Runnel.Tests.Infra;
using Runnel.Tests.Runsvdir;
using Xunit;

namespace Runnel.Tests.Status;

/// <summary>svls on a live runsvdir (runnel's) with runnel's runsv and with C runsv (which writes no supervise/info).</summary>
public sealed class SvlsLiveTests
{
    public static TheoryData<RunsvFlavour> Flavours => new() { RunsvFlavour.C, RunsvFlavour.Runnel };

    private static SvTree Tree(RunsvFlavour f)
    {
        var t = new SvTree(f);
        t.Service("web");
        t.Dir.Script("sv/web/log/run", "exec cat >/dev/null");
        t.Service("off", down: true);
        t.Enable("web");
        t.Enable("off");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("web");
        Wait.Until(() => File.Exists(t.Dir["svc/web/log/supervise/stat"]) && File.ReadAllText(t.Dir["svc/web/log/supervise/stat"]) == "run\n", "web's log to run");
        Wait.Until(() => File.Exists(t.Dir["svc/off/supervise/stat"]) && File.ReadAllText(t.Dir["svc/off/supervise/stat"]) == "down\n", "off's runsv");
        return t;
    }

    private static int Pid(SvTree t, string rel) => int.Parse(File.ReadAllText(t.Dir[rel]).Trim());

    [Theory, MemberData(nameof(Flavours))]
    public void Table_shows_running_and_down_services_and_their_logs(RunsvFlavour f)
    {
        using var t = Tree(f);
        var r = SvlsRun.Svls(t.Svc);
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] web = SvlsRun.Row(r.Stdout, "web");
        Assert.Equal("run", web[1]);
        Assert.Equal(Pid(t, "svc/web/supervise/pid").ToString(), web[3]);
        Assert.Matches(@"^\d+s$|^\d+m\d\ds$", web[4]);
        Assert.Equal("run", web[7]);
        string[] off = SvlsRun.Row(r.Stdout, "off");
        Assert.Equal(new[] { "off", "down", "-" }, off[..3]);
        Assert.Equal("-", off[3]);
        Assert.Equal("none", off[7]);
        if (f == RunsvFlavour.C)
            // C runsv keeps no supervise/info: every column taken from it is "-".
            Assert.Equal(new[] { "-", "-", "-" }, new[] { web[2], web[5], web[6] });
    }

    [Theory, MemberData(nameof(Flavours))]
    public void Json_agrees_with_supervise(RunsvFlavour f)
    {
        using var t = Tree(f);
        var r = SvlsRun.Svls(t.Svc, "-j");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        var s = doc.RootElement.GetProperty("services").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(new[] { "off", "web" }, s.Keys);
        Assert.Equal(Pid(t, "svc/web/supervise/pid"), s["web"].GetProperty("pid").GetInt32());
        Assert.Equal(Pid(t, "svc/web/log/supervise/pid"), s["web"].GetProperty("log").GetProperty("pid").GetInt32());
        Assert.Equal("up", s["web"].GetProperty("want").GetString());
        Assert.Equal("down", s["off"].GetProperty("want").GetString());
        Assert.False(s["off"].GetProperty("normally_up").GetBoolean());
        if (f == RunsvFlavour.C)
        {
            Assert.Equal(JsonValueKind.Null, s["web"].GetProperty("ready").ValueKind);
            Assert.Equal(JsonValueKind.Null, s["web"].GetProperty("restarts").ValueKind);
            Assert.Equal(JsonValueKind.Null, s["web"].GetProperty("last_exit").ValueKind);
        }
    }

    [Theory, MemberData(nameof(Flavours))]
    public void A_stopped_runsv_and_a_service_never_supervised_fail(RunsvFlavour f)
    {
        using var t = Tree(f);
        t.Service("orphan");
        var r = SvlsRun.Svls(t.Svc, "web", t.Dir["sv/orphan"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("no runsv", SvlsRun.Row(r.Stdout, t.Dir["sv/orphan"])[1]);
        // A service told to go down is not a failure: it does not want up.
        Assert.Equal(0, Cmd.Run(Paths.Tool("sv"), new[] { "-w", "10", "down", t.Dir["svc/web"] }).ExitCode);
        var d = SvlsRun.Svls(t.Svc);
        Assert.Equal(0, d.ExitCode);
        Assert.Equal("down", SvlsRun.Row(d.Stdout, "web")[1]);
    }

    /// <summary>With runnel's runsv the columns from supervise/info are live: readiness, restarts, last exit.</summary>
    [Fact]
    public void Runnel_runsv_fills_ready_restarts_and_last_exit()
    {
        using var t = new SvTree(RunsvFlavour.Runnel);
        t.Service("rdy", run: "sleep 0.2; echo >&3; exec sleep 1000");
        File.WriteAllText(Path.Combine(t.Sv, "rdy", "notification-fd"), "3\n");
        t.Service("plain");
        t.Enable("rdy");
        t.Enable("plain");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("rdy");
        t.WaitRun("plain");
        // stat says run before readiness: sv -w up waits for it.
        Assert.Equal(0, Cmd.Run(Paths.Tool("sv"), new[] { "-w", "15", "up", t.Dir["svc/rdy"] }).ExitCode);
        int first = Pid(t, "svc/rdy/supervise/pid");
        SvTree.Kill(first, 9);
        Wait.Until(() => File.Exists(t.Dir["svc/rdy/supervise/pid"]) && File.ReadAllText(t.Dir["svc/rdy/supervise/pid"]).Trim() is string p && p.Length > 0 && p != first.ToString(), "rdy restarted");
        Assert.Equal(0, Cmd.Run(Paths.Tool("sv"), new[] { "-w", "15", "up", t.Dir["svc/rdy"] }).ExitCode);

        var table = SvlsRun.Svls(t.Svc);
        Assert.True(table.ExitCode == 0, table.ToString());
        string[] rdy = SvlsRun.Row(table.Stdout, "rdy");
        Assert.Equal(new[] { "rdy", "run", "yes" }, rdy[..3]);
        Assert.Equal("signal KILL", rdy[5]);
        Assert.Equal("1", rdy[6]);
        string[] plain = SvlsRun.Row(table.Stdout, "plain");
        Assert.Equal(new[] { "-", "-", "0" }, new[] { plain[2], plain[5], plain[6] });

        using var doc = JsonDocument.Parse(SvlsRun.Svls(t.Svc, "-j").Stdout);
        var s = doc.RootElement.GetProperty("services").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.True(s["rdy"].GetProperty("ready").GetBoolean());
        Assert.InRange(s["rdy"].GetProperty("ready_after_ms").GetInt64(), 150, 15_000);
        Assert.Equal(1, s["rdy"].GetProperty("restarts").GetInt64());
        Assert.Equal("signal", s["rdy"].GetProperty("last_exit").GetProperty("kind").GetString());
        Assert.Equal(9, s["rdy"].GetProperty("last_exit").GetProperty("value").GetInt32());
        Assert.Equal(JsonValueKind.Null, s["plain"].GetProperty("ready").ValueKind);
        Assert.Equal(0, s["plain"].GetProperty("restarts").GetInt64());
    }
}
