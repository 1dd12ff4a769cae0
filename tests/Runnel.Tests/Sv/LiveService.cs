using System;
using System.Diagnostics;
using System.IO;
using Runnel.Posix;
using Runnel.Supervision;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Sv;

/// <summary>
/// A real runsv ("c": Debian's C runsv, "runnel": runnel's) supervising a
/// service in a temp directory: `sleep` as the service, `cat` as its logger.
/// </summary>
internal sealed class LiveService : IDisposable
{
    private readonly Process _runsv;
    public string Dir { get; }
    public string Name => Path.GetFileName(Dir);

    public static string RunsvBinary(string kind) => kind == "c" ? Paths.CTool("runsv") : Paths.Tool("runsv");

    /// <param name="kind">"c" or "runnel": whose runsv supervises.</param>
    /// <param name="dir">The service directory to create.</param>
    /// <param name="down">Create ./down: the service stays down at start.</param>
    /// <param name="log">Give the service a log service.</param>
    /// <param name="check">Body of a ./check script, if any.</param>
    /// <param name="notify">Contents of ./notification-fd (readiness), if any.</param>
    public LiveService(string kind, string dir, bool down = false, bool log = true, string? check = null,
        string run = "exec sleep 1000", string? notify = null)
    {
        Dir = dir;
        Directory.CreateDirectory(dir);
        WriteScript("run", run);
        if (down) File.WriteAllText(Path.Combine(dir, "down"), "");
        if (log) WriteScript("log/run", "exec cat >/dev/null");
        if (check != null) WriteScript("check", check);
        if (notify != null) File.WriteAllText(Path.Combine(dir, "notification-fd"), notify);
        _runsv = Cmd.Start(RunsvBinary(kind), [dir], cwd: Path.GetDirectoryName(dir), redirectOutput: false);
        Wait.Until(() => _runsv.HasExited || (Running && Read(out _)), $"{kind} runsv to start on {dir}");
        if (_runsv.HasExited) throw new InvalidOperationException($"{kind} runsv exited with {_runsv.ExitCode} on {dir}");
        if (!down) WaitState(ServiceState.Run);
        if (log) Wait.Until(() => ReadLog(out var r) && r.State == ServiceState.Run, "log service up");
    }

    private void WriteScript(string rel, string body)
    {
        string p = Path.Combine(Dir, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        File.WriteAllText(p, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(p, (UnixFileMode)0b111_101_101);
    }

    public bool Running => ServiceStatus.RunsvRunning(Dir, out _);

    public bool Read(out StatusRecord r) => ReadAt(Dir, out r);

    public bool ReadLog(out StatusRecord r) => ReadAt(Path.Combine(Dir, "log"), out r);

    private static bool ReadAt(string dir, out StatusRecord r)
    {
        var b = new byte[StatusRecord.Size];
        bool ok = ServiceStatus.Read(dir, b, out _) == SuperviseRead.Ok;
        r = ok ? StatusRecord.Decode(b) : default;
        return ok;
    }

    public StatusRecord WaitState(ServiceState s, int timeoutMs = 10_000)
    {
        StatusRecord r = default;
        Wait.Until(() => Read(out r) && r.State == s, $"{Name} in state {s}", timeoutMs);
        return r;
    }

    /// <summary>Sends control bytes directly (not through any sv).</summary>
    public void Control(string cmds)
    {
        if (ControlFifo.Send(Dir, System.Text.Encoding.ASCII.GetBytes(cmds), out int e) != ControlResult.Sent)
            throw new IOException($"control {cmds}: errno {e}");
    }

    /// <summary>Brings the service up and waits until it has run for at least a second (so restarts are told apart).</summary>
    public void ResetUp()
    {
        Control("u");
        // want up too: a record still saying "run" from before a kill has want down.
        StatusRecord r = default;
        Wait.Until(() => Read(out r) && r.State == ServiceState.Run && r.Want == 'u', $"{Name} up");
        Settle(r);
    }

    /// <summary>
    /// Waits until the state is over a second old: C runsv sleeps a second,
    /// deaf to control, after a service that ran less than a second, and
    /// sv's restart checks compare start times in whole seconds.
    /// </summary>
    private static void Settle(StatusRecord r)
    {
        double since = r.Start.UnixSeconds + r.Start.Nanoseconds / 1e9;
        Wait.Until(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 > since + 1.1, "the state to settle");
    }

    public void ResetDown()
    {
        Control("d");
        StatusRecord r = default;
        Wait.Until(() => Read(out r) && r.State == ServiceState.Down && r.Pid == 0 && r.Want == 'd', $"{Name} down");
        Settle(r);
    }

    public void Dispose()
    {
        try
        {
            if (!_runsv.HasExited && Running)
            {
                Control("dkx");
            }
            if (!_runsv.WaitForExit(5000)) _runsv.Kill(entireProcessTree: true);
        }
        catch (Exception) when (_runsv.HasExited) { }
        _runsv.Dispose();
    }
}
