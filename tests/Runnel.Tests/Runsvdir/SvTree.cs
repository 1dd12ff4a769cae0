using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Runsvdir;

/// <summary>Which runsv runsvdir finds first in PATH.</summary>
public enum RunsvFlavour { C, Runnel }

/// <summary>Which runsvdir runs the tree.</summary>
public enum DirFlavour { C, Runnel }

/// <summary>
/// A services tree in a temp dir: bin/ (runsv first in PATH), sv/ (service
/// definitions), svc/ (the directory runsvdir watches). Dispose stops
/// runsvdir and every process whose cwd is inside the tree.
/// </summary>
public sealed class SvTree : IDisposable
{
    public TempDir Dir { get; } = new("runnel-svdir");
    public string Bin => Dir["bin"];
    public string Sv => Dir["sv"];
    public string Svc => Dir["svc"];
    public Process? Runsvdir { get; private set; }
    public int Pid => Runsvdir!.Id;
    public string StderrFile => Dir["runsvdir.err"];

    public SvTree(RunsvFlavour? runsv = RunsvFlavour.C)
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Sv);
        Directory.CreateDirectory(Svc);
        if (runsv != null) LinkRunsv(runsv.Value);
    }

    public void LinkRunsv(RunsvFlavour f) =>
        File.CreateSymbolicLink(Path.Combine(Bin, "runsv"), f == RunsvFlavour.C ? Paths.CTool("runsv") : Paths.Tool("runnel"));

    public static string RunsvdirPath(DirFlavour f) => f == DirFlavour.C ? Paths.CTool("runsvdir") : Paths.Tool("runsvdir");

    /// <summary>A service definition sv/NAME whose run prints a line to stderr and sleeps.</summary>
    public string Service(string name, string? run = null, bool down = false)
    {
        string d = Path.Combine(Sv, name);
        Dir.Script($"sv/{name}/run", run ?? $"echo started-{name} >&2\nexec sleep 1000");
        if (down) File.WriteAllText(Path.Combine(d, "down"), "");
        return d;
    }

    /// <summary>Enables sv/NAME with a symlink svc/NAME.</summary>
    public void Enable(string name) => File.CreateSymbolicLink(Path.Combine(Svc, name), Path.Combine(Sv, name));

    /// <summary>ln -sfn: a new link svc/NAME -> sv/TARGET renamed over the old one.</summary>
    public void Relink(string name, string target)
    {
        string tmp = Path.Combine(Svc, "." + name + ".new");
        File.CreateSymbolicLink(tmp, Path.Combine(Sv, target));
        if (Runnel.Posix.Libc.rename(tmp, Path.Combine(Svc, name)) != 0) throw new IOException("rename failed");
    }

    /// <summary>A stand-in runsv (a script that execs sleep) that keeps whatever runsvdir handed it.</summary>
    public void StandInRunsv() => Dir.Script("bin/runsv", "exec sleep 1000");

    public string Stat(string name) => ReadOrEmpty(Path.Combine(Svc, name, "supervise", "stat")).Trim();

    public void WaitRun(string name, int timeoutMs = 15_000) =>
        Wait.For(() => Stat(name), s => s == "run", $"{name} to run", timeoutMs);

    /// <summary>Starts runsvdir with PATH=bin:$PATH, stdin from /dev/null, stdout and stderr to files.</summary>
    public Process Start(DirFlavour f, params string[] args) => StartWith(f, null, args);

    public Process StartWith(DirFlavour f, IDictionary<string, string?>? env, params string[] args) =>
        StartExe(RunsvdirPath(f), env, args);

    /// <summary>Starts <paramref name="exe"/> ARGS the same way (e.g. `runnel runsvdir ...`).</summary>
    public Process StartExe(string exe, IDictionary<string, string?>? env, params string[] args)
    {
        var e = new Dictionary<string, string?>
        {
            ["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["ERR"] = StderrFile,
            ["OUT"] = Dir["runsvdir.out"],
        };
        if (env != null) foreach (var kv in env) e[kv.Key] = kv.Value;
        var all = new List<string> { "-c", "exec \"$@\" >\"$OUT\" 2>\"$ERR\" </dev/null", "sh", exe };
        all.AddRange(args);
        Runsvdir = Cmd.Start("/bin/sh", all, cwd: Dir.Path, env: e, redirectOutput: false);
        Wait.Until(() => Proc.Argv(Runsvdir.Id).FirstOrDefault() == exe, "runsvdir to exec");
        return Runsvdir;
    }

    public string Stderr() => ReadOrEmpty(StderrFile);

    /// <summary>runsv children of runsvdir, by the service name in their argv.</summary>
    public Dictionary<string, int> RunsvByName()
    {
        var d = new Dictionary<string, int>();
        foreach (int c in Proc.Children(Pid))
        {
            string[] a = Proc.Argv(c);
            if (a.Length == 2 && a[0] == "runsv") d[a[1]] = c;
        }
        return d;
    }

    public int WaitRunsv(string name, int notPid = 0, int timeoutMs = 15_000) =>
        Wait.For(() => RunsvByName().GetValueOrDefault(name), p => p != 0 && p != notPid, $"runsv {name}", timeoutMs);

    /// <summary>Waits for runsvdir to exit and returns its exit code.</summary>
    public int WaitExit(int timeoutMs = 10_000)
    {
        if (!Runsvdir!.WaitForExit(timeoutMs)) throw new TimeoutException("runsvdir did not exit");
        return Runsvdir.ExitCode;
    }

    private static string ReadOrEmpty(string p)
    {
        try { return File.ReadAllText(p); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    public void Dispose()
    {
        if (Runsvdir != null && !Runsvdir.HasExited)
        {
            try { Runsvdir.Kill(); Runsvdir.WaitForExit(5000); }
            catch (InvalidOperationException) { }
        }
        // Whatever runs inside the tree (runsv, services, loggers) has its cwd there.
        for (int round = 0; round < 50; round++)
        {
            int[] left = Proc.All().Where(p => Proc.Cwd(p) is string c && (c == Dir.Path || c.StartsWith(Dir.Path + "/", StringComparison.Ordinal))
                && Proc.Alive(p)).ToArray();
            if (left.Length == 0) break;
            foreach (int p in left) Kill(p, 9);
            Thread.Sleep(20);
        }
        Dir.Dispose();
    }

    public static void Kill(int pid, int sig) => Runnel.Posix.Libc.kill(pid, sig);
}
