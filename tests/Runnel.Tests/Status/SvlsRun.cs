using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Status;

/// <summary>Runs svls (or another runnel tool) with a services dir, stdout piped unless said otherwise.</summary>
internal static class SvlsRun
{
    public static Dictionary<string, string?> Env(string? svdir, string? defs = null) => new()
    {
        ["SVDIR"] = svdir, ["NO_COLOR"] = null, ["TERM"] = "xterm", ["RUNNEL_SVDEFS"] = defs, ["LANG"] = "C",
    };

    public static CmdResult Svls(string? svdir, params string[] args) =>
        Cmd.Run(Paths.Tool("svls"), args, env: Env(svdir));

    /// <summary>Under a pseudo-terminal (util-linux script): fd 1 is a TTY.</summary>
    public static CmdResult SvlsTty(string svdir, Dictionary<string, string?>? extra = null)
    {
        var env = Env(svdir);
        if (extra != null) foreach (var kv in extra) env[kv.Key] = kv.Value;
        return Cmd.Run("script", new[] { "-qec", Paths.Tool("svls"), "/dev/null" }, env: env);
    }

    /// <summary>The table's rows (header first), each split into its cells.</summary>
    public static string[][] Rows(string stdout) =>
        stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Regex.Split(l.TrimEnd('\r'), "  +")).ToArray();

    public static string[] Row(string stdout, string name) => Rows(stdout).Single(r => r[0] == name);
}
