using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Chpst;

/// <summary>
/// Shared pieces of the chpst tests: a static probe compiled with gcc at test
/// time (reports the state it was exec'ed with), and per-name copies of both
/// implementations so each personality is called by its own name.
/// </summary>
public static class ChpstRig
{
    public const string UnixRwx = "0755";

    private static readonly Lazy<string> s_dir = new(Setup);

    /// <summary>A world-readable dir holding probe, c/NAME (C chpst copies) and r/NAME (runnel links).</summary>
    public static string Dir => s_dir.Value;

    public static string Probe => Path.Combine(Dir, "probe");

    public static readonly string[] Names = ["chpst", "envdir", "envuidgid", "pgrphack", "setuidgid", "softlimit", "setlock",
        // C chpst strips one leading 'd' from its name
        "dchpst", "denvdir", "dsetuidgid", "dsoftlimit"];

    /// <summary>The C tool (a copy of C chpst under that name) or runnel's (a symlink to runnel).</summary>
    public static string Tool(bool c, string name) => Path.Combine(Dir, c ? "c" : "r", name);

    private static string Setup()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"runnel-chpst-rig-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(dir);
        Directory.CreateDirectory(Path.Combine(dir, "c"));
        Directory.CreateDirectory(Path.Combine(dir, "r"));
        string src = Path.Combine(Paths.RepoRoot, "tests", "Runnel.Tests", "Chpst", "probe.c");
        CmdResult cc = Cmd.Run("gcc", "-static", "-O", "-o", Path.Combine(dir, "probe"), src);
        if (cc.ExitCode != 0) throw new InvalidOperationException("gcc failed: " + cc);
        string runnel = Paths.Tool("runnel");
        foreach (string n in Names)
        {
            File.Copy(Paths.CTool("chpst"), Path.Combine(dir, "c", n), overwrite: true);
            string link = Path.Combine(dir, "r", n);
            if (File.Exists(link)) File.Delete(link);
            File.CreateSymbolicLink(link, runnel);
        }
        foreach (string d in new[] { dir, Path.Combine(dir, "c"), Path.Combine(dir, "r") })
            File.SetUnixFileMode(d, (UnixFileMode)Convert.ToInt32(UnixRwx, 8));
        return dir;
    }

    internal static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A temp dir others (nobody) can enter.</summary>
    public static TempDir OpenTemp(string prefix)
    {
        var t = new TempDir(prefix);
        File.SetUnixFileMode(t.Path, (UnixFileMode)Convert.ToInt32("1777", 8));
        return t;
    }

    /// <summary>Runs the probe through a tool and returns its report as key=value lines (and env: lines).</summary>
    public static (CmdResult Result, Dictionary<string, string> Report, List<string> Env) RunProbe(
        string tool, IEnumerable<string> toolArgs, string outFile, string? cwd = null,
        IDictionary<string, string?>? env = null, string? shellPrefix = null, string mode = "--launch")
    {
        CmdResult r = Launch(tool, toolArgs, cwd, env, shellPrefix, mode);
        var report = new Dictionary<string, string>();
        var envLines = new List<string>();
        if (File.Exists(outFile))
            foreach (string l in File.ReadAllLines(outFile))
            {
                if (l.StartsWith("env:", StringComparison.Ordinal)) envLines.Add(l[4..]);
                else if (l.IndexOf('=') is int i and > 0) report[l[..i]] = l[(i + 1)..];
                else if (l.IndexOf(':') is int j and > 0) report[l[..j]] = l[(j + 1)..].Trim();
            }
        return (r, report, envLines);
    }

    /// <summary>
    /// Runs a tool from a clean state (the probe's launcher: only fds 0-2, default
    /// dispositions, empty mask), optionally through sh with a prefix such as a trap.
    /// </summary>
    public static CmdResult Launch(string tool, IEnumerable<string> toolArgs, string? cwd = null,
        IDictionary<string, string?>? env = null, string? shellPrefix = null, string mode = "--launch")
    {
        var args = toolArgs.ToList();
        if (shellPrefix == null) return Cmd.Run(Probe, new[] { mode, tool }.Concat(args), cwd, env);
        string line = shellPrefix + " exec " + string.Join(' ', new[] { tool }.Concat(args).Select(Quote));
        return Cmd.Run(Probe, new[] { mode, "/bin/sh", "-c", line }, cwd, env);
    }

    public static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
