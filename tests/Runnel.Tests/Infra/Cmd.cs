using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Runnel.Tests.Infra;

/// <summary>The result of a finished command.</summary>
public sealed record CmdResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>
/// Runs programs for tests (System.Diagnostics.Process is fine here; the
/// product itself never uses it). argv[0] can be set to call a tool by name.
/// </summary>
public static class Cmd
{
    public static CmdResult Run(string file, IEnumerable<string> args, string? cwd = null,
        IDictionary<string, string?>? env = null, string? stdin = null, int timeoutMs = 30_000)
    {
        using var p = Start(file, args, cwd, env, redirectStdin: stdin != null);
        if (stdin != null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        Task<string> o = p.StandardOutput.ReadToEndAsync();
        Task<string> e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeoutMs} ms");
        }
        p.WaitForExit();
        return new CmdResult(p.ExitCode, o.Result, e.Result);
    }

    public static CmdResult Run(string file, params string[] args) => Run(file, (IEnumerable<string>)args);

    /// <summary>Starts a long-running program with stdout/stderr redirected (read them or they may block).</summary>
    public static Process Start(string file, IEnumerable<string> args, string? cwd = null,
        IDictionary<string, string?>? env = null, bool redirectStdin = false, bool redirectOutput = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = redirectOutput,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Directory.GetCurrentDirectory(),
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        if (env != null)
            foreach (var kv in env)
                if (kv.Value == null) psi.Environment.Remove(kv.Key);
                else psi.Environment[kv.Key] = kv.Value;
        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
    }

    /// <summary>Runs a /bin/sh command line.</summary>
    public static CmdResult Sh(string script, string? cwd = null, IDictionary<string, string?>? env = null, int timeoutMs = 30_000) =>
        Run("/bin/sh", new[] { "-c", script }, cwd, env, null, timeoutMs);
}
