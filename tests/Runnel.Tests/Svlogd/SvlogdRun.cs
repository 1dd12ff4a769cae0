using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Svlogd;

/// <summary>What a finished svlogd run left behind, with time-dependent names factored out.</summary>
public sealed record LogResult(int Exit, string Stderr, string Current, string CurrentMode,
    List<(string Suffix, string Content, string Mode)> Old, List<string> Other)
{
    /// <summary>Old log files in name (= time) order, as "suffix:content".</summary>
    public string OldSummary => string.Join("\n--\n", Old.Select(o => o.Suffix + ":" + o.Mode + ":" + o.Content));

    public override string ToString() =>
        $"exit {Exit}\nstderr: {Stderr}\ncurrent ({CurrentMode}): {Current}\nold:\n{OldSummary}\nother: {string.Join(",", Other)}";
}

/// <summary>Runs the C and the runnel svlogd on the same input and log dir setup.</summary>
public static class SvlogdRun
{
    public static string C => Paths.CTool("svlogd");
    public static string R => Paths.Tool("svlogd");

    /// <summary>Runs <paramref name="tool"/> with stdin from <paramref name="input"/> on log dirs under <paramref name="root"/>.</summary>
    public static CmdResult Run(string tool, string root, byte[] input, string[] opts, params string[] dirs) =>
        Run(tool, root, input, opts, false, dirs);

    /// <summary>As above; <paramref name="pipe"/> feeds stdin through a pipe (cat |) instead of the file.</summary>
    public static CmdResult Run(string tool, string root, byte[] input, string[] opts, bool pipe, params string[] dirs)
    {
        string inFile = Path.Combine(root, "stdin");
        File.WriteAllBytes(inFile, input);
        var args = new List<string> { "-c", pipe ? "cat stdin | \"$0\" \"$@\"" : "exec \"$0\" \"$@\" < stdin", tool };
        args.AddRange(opts);
        args.AddRange(dirs);
        // A local time zone far from UTC (POSIX form, no tzdata needed): stamps must still be UTC.
        return Cmd.Run("/bin/sh", args, cwd: root, env: new Dictionary<string, string?> { ["TZ"] = "JST-9" });
    }

    /// <summary>Runs one tool on a fresh dir "log" with the given config (null = none).</summary>
    public static LogResult Once(string tool, byte[] input, string? config, params string[] opts) =>
        Once(tool, input, config, false, opts);

    public static LogResult Once(string tool, byte[] input, string? config, bool pipe, params string[] opts)
    {
        using var t = new TempDir("svlogd");
        Directory.CreateDirectory(t["log"]);
        if (config != null) File.WriteAllText(t["log/config"], config);
        CmdResult r = Run(tool, t.Path, input, opts, pipe, "log");
        return Collect(r, t["log"]);
    }

    public static LogResult Collect(CmdResult r, string dir)
    {
        var old = new List<(string, string, string)>();
        var other = new List<string>();
        string cur = "", curMode = "";
        foreach (string f in Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!)
        {
            string p = Path.Combine(dir, f!);
            if (f!.Length == 27 && f[0] == '@')
                old.Add((f[25..], File.ReadAllText(p, Encoding.Latin1), Mode(p)));
            else if (f == "current") { cur = File.ReadAllText(p, Encoding.Latin1); curMode = Mode(p); }
            else other.Add(f);
        }
        return new LogResult(r.ExitCode, r.Stderr, cur, curMode, old, other);
    }

    public static string Mode(string p) => Convert.ToString((int)File.GetUnixFileMode(p), 8);

    public static byte[] Lines(params string[] lines) => Encoding.Latin1.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    /// <summary>Realistic log lines of 40-200 bytes, deterministic.</summary>
    public static byte[] Realistic(int count, int seed = 1)
    {
        var rnd = new Random(seed);
        var sb = new StringBuilder();
        string[] words = ["info:", "warning:", "error:", "pid", "connection", "from", "10.4.1.14", "accepted", "closed", "request", "GET", "/index.html", "200", "user", "session", "timeout"];
        for (int i = 0; i < count; i++)
        {
            int target = rnd.Next(40, 200);
            sb.Append("svc").Append(i).Append(':');
            int start = sb.Length;
            while (sb.Length - start < target - 8) sb.Append(' ').Append(words[rnd.Next(words.Length)]);
            sb.Append('\n');
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
