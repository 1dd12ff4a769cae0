using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Runnel.Supervision;

namespace Runnel.Tests.Infra;

/// <summary>
/// A runsv (C or runnel) supervising a service dir for one test. Its stderr
/// is collected; Dispose stops it (sv exit, then SIGKILL) and kills leftovers.
/// </summary>
internal sealed class RunsvProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    public Process Process { get; }
    public string Dir { get; }
    public Flavour Flavour { get; }

    public RunsvProcess(Flavour flavour, string dir, string? arg = null, string? cwd = null)
    {
        Flavour = flavour;
        Dir = dir;
        Process = Cmd.Start(flavour.Tool("runsv"), new[] { arg ?? dir }, cwd: cwd);
        Process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_stderr) _stderr.Append(e.Data).Append('\n'); };
        Process.OutputDataReceived += (_, _) => { };
        Process.BeginErrorReadLine();
        Process.BeginOutputReadLine();
    }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public string Path(string rel) => System.IO.Path.Combine(Dir, rel);

    public string Stat(string sup = "supervise") => ReadOr(Path(sup + "/stat"));

    public StatusRecord Status(string sup = "supervise") => StatusRecord.Decode(File.ReadAllBytes(Path(sup + "/status")));

    public int Pid(string sup = "supervise") =>
        int.TryParse(ReadOr(Path(sup + "/pid")).Trim(), out int p) ? p : 0;

    /// <summary>Writes control bytes into supervise/control, as `printf x > control` does.</summary>
    public void Control(string bytes, string sup = "supervise") =>
        File.WriteAllBytes(Path(sup + "/control"), Encoding.ASCII.GetBytes(bytes));

    /// <summary>
    /// Waits for stat to read <paramref name="expected"/> and for status (written
    /// after stat) to agree with it, so tests never see the two half-updated.
    /// </summary>
    public void WaitStat(string expected, string sup = "supervise", int timeoutMs = 10_000)
    {
        var state = expected.StartsWith("run") ? ServiceState.Run
            : expected.StartsWith("finish") ? ServiceState.Finish : ServiceState.Down;
        Wait.Until(() => Stat(sup) == expected && StatusOrNull(sup)?.State == state,
            $"{sup}/stat == {expected.Trim()} and status agreeing", timeoutMs);
    }

    private StatusRecord? StatusOrNull(string sup)
    {
        try
        {
            byte[] b = File.ReadAllBytes(Path(sup + "/status"));
            return b.Length == StatusRecord.Size ? StatusRecord.Decode(b) : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>Waits until the service runs with a pid different from <paramref name="notPid"/>.</summary>
    public int WaitRunning(int notPid = 0, string sup = "supervise", int timeoutMs = 10_000)
    {
        Wait.Until(() => Stat(sup).StartsWith("run") && Pid(sup) != 0 && Pid(sup) != notPid && Status(sup).Pid == Pid(sup),
            $"{sup} running with a new pid", timeoutMs);
        return Pid(sup);
    }

    public bool Exited => Process.HasExited;

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        KillServices();
        Process.Dispose();
    }

    /// <summary>Kills whatever still runs from this service dir (run, finish, log).</summary>
    private void KillServices()
    {
        foreach (string sup in new[] { "supervise", "log/supervise" })
        {
            int p = Pid(sup);
            if (p > 0) Cmd.Sh($"kill -9 {p} 2>/dev/null");
        }
    }

    private static string ReadOr(string p)
    {
        try { return File.ReadAllText(p); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
