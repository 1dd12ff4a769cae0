using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Status;

/// <summary>svls on hand-made supervise/ dirs: every column, JSON, exit codes, colour.</summary>
public sealed class SvlsFakeTests
{
    [Fact]
    public void Table_lists_every_service_sorted_with_each_column()
    {
        using var f = new SvlsFixture();
        var r = SvlsRun.Svls(f.Svc);
        Assert.Equal(1, r.ExitCode); // db wants up and is down
        Assert.Equal("", r.Stderr);
        string[][] rows = SvlsRun.Rows(r.Stdout);
        Assert.Equal(new[] { "NAME", "STATE", "READY", "PID", "UPTIME", "EXIT", "RESTARTS", "LOG" }, rows[0]);
        Assert.Equal(new[] { "api", "cron", "db", "idle", "worker" }, rows.Skip(1).Select(x => x[0]));
        Assert.Equal(new[] { "api", "run", "yes", "4242", "2h05m", "code 2", "3", "run" }, rows[1]);
        Assert.Equal(new[] { "cron", "run, paused, want down", "-", "77", "1h06m", "-", "-", "none" }, rows[2]);
        Assert.Equal(new[] { "db", "down, want up", "-", "-", "1d01h", "signal KILL", "0", "none" }, rows[3]);
        Assert.Equal(new[] { "idle", "no runsv", "-", "-", "-", "-", "-", "none" }, rows[4]);
        Assert.Equal("no", rows[5][2]);
        Assert.Equal("88", rows[5][3]);
        Assert.DoesNotContain('\x1b', r.Stdout);
    }

    [Fact]
    public void Columns_are_aligned_when_piped()
    {
        using var f = new SvlsFixture();
        string[] lines = SvlsRun.Svls(f.Svc).Stdout.TrimEnd('\n').Split('\n');
        int[] starts = Starts(lines[0]);
        foreach (string line in lines.Skip(1))
            foreach (int s in starts.Skip(1))
            {
                Assert.Equal(' ', line[s - 1]);
                Assert.NotEqual(' ', line[s]);
            }
    }

    private static int[] Starts(string header) =>
        Enumerable.Range(0, header.Length).Where(i => header[i] != ' ' && (i == 0 || header[i - 1] == ' ')).ToArray();

    [Fact]
    public void Json_reads_back_field_by_field()
    {
        using var f = new SvlsFixture();
        var r = SvlsRun.Svls(f.Svc, "--json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(f.Svc, root.GetProperty("svdir").GetString());
        Assert.False(root.GetProperty("ok").GetBoolean());
        var s = root.GetProperty("services").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(new[] { "api", "cron", "db", "idle", "worker" }, s.Keys);

        JsonElement api = s["api"];
        Assert.Equal(Path.Combine(f.Svc, "api"), api.GetProperty("dir").GetString());
        Assert.Equal("run", api.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("error").ValueKind);
        Assert.Equal("up", api.GetProperty("want").GetString());
        Assert.False(api.GetProperty("paused").GetBoolean());
        Assert.True(api.GetProperty("normally_up").GetBoolean());
        Assert.Equal(4242, api.GetProperty("pid").GetInt32());
        Assert.InRange(api.GetProperty("uptime_s").GetInt64(), 7500, 7559);
        Assert.True(api.GetProperty("ready").GetBoolean());
        Assert.Equal(150, api.GetProperty("ready_after_ms").GetInt64());
        Assert.Equal("code", api.GetProperty("last_exit").GetProperty("kind").GetString());
        Assert.Equal(2, api.GetProperty("last_exit").GetProperty("value").GetInt32());
        Assert.Equal(3, api.GetProperty("restarts").GetInt64());
        JsonElement log = api.GetProperty("log");
        Assert.Equal("run", log.GetProperty("state").GetString());
        Assert.Equal(4243, log.GetProperty("pid").GetInt32());
        Assert.InRange(log.GetProperty("uptime_s").GetInt64(), 7600, 7659);

        JsonElement db = s["db"];
        Assert.Equal("down", db.GetProperty("state").GetString());
        Assert.Equal("up", db.GetProperty("want").GetString());
        Assert.Equal(JsonValueKind.Null, db.GetProperty("pid").ValueKind);
        Assert.Equal(JsonValueKind.Null, db.GetProperty("ready").ValueKind);
        Assert.Equal("signal", db.GetProperty("last_exit").GetProperty("kind").GetString());
        Assert.Equal(9, db.GetProperty("last_exit").GetProperty("value").GetInt32());
        Assert.Equal("KILL", db.GetProperty("last_exit").GetProperty("signal").GetString());
        Assert.Equal("none", db.GetProperty("log").GetProperty("state").GetString());

        JsonElement cron = s["cron"];
        Assert.True(cron.GetProperty("paused").GetBoolean());
        Assert.Equal("down", cron.GetProperty("want").GetString());
        Assert.Equal(JsonValueKind.Null, cron.GetProperty("last_exit").ValueKind);
        Assert.Equal(JsonValueKind.Null, cron.GetProperty("restarts").ValueKind);
        Assert.Equal(JsonValueKind.Null, cron.GetProperty("ready").ValueKind);

        JsonElement idle = s["idle"];
        Assert.Equal("no runsv", idle.GetProperty("state").GetString());
        Assert.Equal("down", idle.GetProperty("want").GetString());
        Assert.False(idle.GetProperty("normally_up").GetBoolean());
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("uptime_s").ValueKind);

        JsonElement worker = s["worker"];
        Assert.False(worker.GetProperty("ready").GetBoolean());
        Assert.Equal(JsonValueKind.Null, worker.GetProperty("ready_after_ms").ValueKind);
        Assert.Equal("none", worker.GetProperty("last_exit").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, worker.GetProperty("last_exit").GetProperty("value").ValueKind);
    }

    [Fact]
    public void Exits_0_when_every_service_that_wants_up_runs()
    {
        using var f = new SvlsFixture();
        var r = SvlsRun.Svls(f.Svc, "api", "cron", "idle", "worker");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { "api", "cron", "idle", "worker" }, SvlsRun.Rows(r.Stdout).Skip(1).Select(x => x[0]));
        using var doc = JsonDocument.Parse(SvlsRun.Svls(f.Svc, "-j", "api").Stdout);
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void A_service_without_runsv_and_without_down_file_fails()
    {
        using var f = new SvlsFixture();
        File.Delete(f.Dir["svc/idle/down"]);
        var r = SvlsRun.Svls(f.Svc, "idle");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("no runsv", SvlsRun.Row(r.Stdout, "idle")[1]);
    }

    [Fact]
    public void Arguments_are_names_in_svdir_or_paths_and_errors_are_rows_and_warnings()
    {
        using var f = new SvlsFixture();
        var r = SvlsRun.Svls(f.Svc, "api", f.Dir["elsewhere/worker"], "missing");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("run", SvlsRun.Row(r.Stdout, f.Dir["elsewhere/worker"])[1]);
        Assert.Equal(new[] { "missing", "error", "-", "-", "-", "-", "-", "none" }, SvlsRun.Row(r.Stdout, "missing"));
        Assert.Equal("svls: warning: missing: unable to change to service directory: file does not exist\n", r.Stderr);
    }

    [Fact]
    public void An_unreadable_status_is_an_error_row()
    {
        using var f = new SvlsFixture();
        File.WriteAllBytes(f.Dir["svc/api/supervise/status"], new byte[7]);
        var r = SvlsRun.Svls(f.Svc, "api");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error", SvlsRun.Row(r.Stdout, "api")[1]);
        Assert.Equal("svls: warning: api: unable to read supervise/status: bad format\n", r.Stderr);
        using var doc = JsonDocument.Parse(SvlsRun.Svls(f.Svc, "-j", "api").Stdout);
        Assert.Equal("unable to read supervise/status: bad format",
            doc.RootElement.GetProperty("services")[0].GetProperty("error").GetString());
    }

    [Fact]
    public void Usage_error_exits_100_and_unreadable_svdir_111()
    {
        var u = SvlsRun.Svls("/nonexistent", "-x");
        Assert.Equal(100, u.ExitCode);
        Assert.Equal("svls: illegal option -- x\nusage: svls [-j] [service ...]\n\n", u.Stderr);
        Assert.Equal("", u.Stdout);
        var e = SvlsRun.Svls("/nonexistent/svc");
        Assert.Equal(111, e.ExitCode);
        Assert.Equal("svls: fatal: unable to open /nonexistent/svc: file does not exist\n", e.Stderr);
        var s = Cmd.Run(Paths.Tool("runnel"), new[] { "status", "--bogus" }, env: SvlsRun.Env("/x"));
        Assert.Equal(100, s.ExitCode);
        Assert.StartsWith("runnel status: unknown option --bogus\nusage: runnel status [-j] [service ...]", s.Stderr);
    }

    [Fact]
    public void Runnel_status_prints_what_svls_prints()
    {
        using var f = new SvlsFixture();
        var a = SvlsRun.Svls(f.Svc, "api", "idle");
        var b = Cmd.Run(Paths.Tool("runnel"), new[] { "status", "api", "idle" }, env: SvlsRun.Env(f.Svc));
        Assert.Equal(a.ExitCode, b.ExitCode);
        Assert.Equal(a.Stdout, b.Stdout);
    }

    [Fact]
    public void Colour_only_on_a_terminal_without_NO_COLOR_and_not_dumb()
    {
        using var f = new SvlsFixture();
        var tty = SvlsRun.SvlsTty(f.Svc);
        Assert.Equal(1, tty.ExitCode);
        Assert.Contains("\x1b[32mrun\x1b[0m", tty.Stdout);              // api runs
        Assert.Contains("\x1b[31mdown, want up\x1b[0m", tty.Stdout);    // db wants up
        Assert.Contains("\x1b[33mrun, paused, want down\x1b[0m", tty.Stdout);
        Assert.Contains("\x1b[32myes\x1b[0m", tty.Stdout);
        // Colour codes do not shift the columns: the same text without them is the piped table.
        string plain = System.Text.RegularExpressions.Regex.Replace(tty.Stdout.Replace("\r", ""), "\x1b\\[[0-9]*m", "");
        Assert.Equal(SvlsRun.Svls(f.Svc).Stdout, plain);
        Assert.DoesNotContain('\x1b', SvlsRun.SvlsTty(f.Svc, new() { ["NO_COLOR"] = "1" }).Stdout);
        Assert.DoesNotContain('\x1b', SvlsRun.SvlsTty(f.Svc, new() { ["TERM"] = "dumb" }).Stdout);
    }

    [Fact]
    public void Info_absent_shows_dashes_info_present_without_runsv_is_not_used()
    {
        using var f = new SvlsFixture();
        // idle has no runsv: an info file left there is stale and not shown.
        File.WriteAllText(f.Dir["svc/idle/supervise/info"], new ServiceInfo(5, 1, 9, ExitKind.Exit, 1, 1, 3, 2).Format());
        var row = SvlsRun.Row(SvlsRun.Svls(f.Svc, "idle").Stdout, "idle");
        Assert.Equal(new[] { "-", "-", "-", "-", "-" }, row[2..7]);
    }

    /// <summary>A service called status (or enable, disable) keeps its sv init script: /etc/init.d/status -> sv.</summary>
    [Theory]
    [InlineData("status")]
    [InlineData("enable")]
    public void An_init_script_named_like_a_runnel_verb_is_still_sv(string name)
    {
        using var t = new TempDir("svls-lsb");
        using var svc = new Sv.FakeService(t["service/" + name]);
        svc.SetStatus(ServiceState.Run, pid: 5);
        Directory.CreateDirectory(t["initd"]);
        File.CreateSymbolicLink(t["initd/" + name], Paths.Tool("sv"));
        var r = Cmd.Run(t["initd/" + name], new[] { "status" }, env: SvlsRun.Env(t["service"]));
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith($"run: {name}: (pid 5) ", r.Stdout);
    }
}
