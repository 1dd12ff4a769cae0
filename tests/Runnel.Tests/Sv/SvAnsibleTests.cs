using System.Collections.Generic;
using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Sv;

/// <summary>
/// A real client: Ansible's community.general.runit module (Debian package
/// `ansible`) manages a service through runnel's sv ($PATH finds out/bin/sv),
/// supervised by C runsv. It parses `sv status` and treats any stderr as the state.
/// </summary>
public sealed class SvAnsibleTests
{
    private static CmdResult Runit(TempDir t, string state)
    {
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = t["home"],
            ["ANSIBLE_LOCAL_TEMP"] = t["home/tmp"],
            ["PATH"] = Paths.RunnelBin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["ANSIBLE_NOCOLOR"] = "1",
        };
        return Cmd.Run("ansible", ["localhost", "-c", "local", "-i", "localhost,", "-o",
            "-e", "ansible_python_interpreter=/usr/bin/python3", "-m", "community.general.runit",
            "-a", $"name=web state={state} service_dir={t["service"]} service_src={t["src"]}"],
            t.Path, env, timeoutMs: 180_000);
    }

    [Fact]
    public void StopStartThroughTheAnsibleModule()
    {
        using var t = new TempDir("sv-ansible");
        Directory.CreateDirectory(t["home/tmp"]);
        Directory.CreateDirectory(t["src"]);
        using var s = new LiveService("c", t["service/web"]);
        string svc = t["service/web"];

        var r = Runit(t, "stopped");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("CHANGED", r.Stdout);
        Assert.Contains($"\"full_state\": \"down: {svc}: ", r.Stdout);
        Assert.Contains("\"state\": \"stopped\"", r.Stdout);
        Assert.True(s.Read(out var rec) && rec.State == ServiceState.Down && rec.Want == 'd');

        r = Runit(t, "stopped");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("SUCCESS", r.Stdout);
        Assert.Contains("\"changed\": false", r.Stdout);

        r = Runit(t, "started");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("\"state\": \"started\"", r.Stdout);
        Assert.Matches($"\"full_state\": \"run: {System.Text.RegularExpressions.Regex.Escape(svc)}: \\(pid \\d+\\) \\d+s; run: log: ", r.Stdout);
        Assert.True(s.Read(out rec) && rec.State == ServiceState.Run && rec.Want == 'u');
    }
}
