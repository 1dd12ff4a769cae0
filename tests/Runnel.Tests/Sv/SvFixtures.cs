using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Runnel.Posix;
using Runnel.Supervision;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Sv;

/// <summary>Which sv binary a scenario runs: runnel's or Debian's C one.</summary>
public enum SvImpl { Runnel, C }

/// <summary>Runs sv (runnel's or C's) with SVDIR and a working directory.</summary>
public static class SvRun
{
    public static string Binary(SvImpl impl) => impl == SvImpl.C ? Paths.CTool("sv") : Paths.Tool("sv");

    public static CmdResult Run(SvImpl impl, string cwd, string? svdir, params string[] args) =>
        Run(Binary(impl), cwd, svdir, args);

    public static CmdResult Run(string binary, string cwd, string? svdir, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["SVDIR"] = svdir, ["SVWAIT"] = null, ["LANG"] = "C" };
        return Cmd.Run(binary, args, cwd, env);
    }

    /// <summary>Pids and seconds vary from run to run: replace them.</summary>
    public static string Normalise(string s) =>
        Regex.Replace(Regex.Replace(s, @"\(pid \d+\)", "(pid N)"), @"\b\d+s\b", "Ns");

    /// <summary>Exit code and both streams, normalised, for comparing two runs.</summary>
    public static string Shape(CmdResult r) =>
        $"exit {r.ExitCode}\n--- stdout\n{Normalise(r.Stdout)}--- stderr\n{Normalise(r.Stderr)}";
}

/// <summary>
/// A service directory with a hand-made supervise/: the test holds the read
/// ends of ok and control open, as runsv does, so sv believes a runsv runs;
/// the status record is whatever the test writes, and the test reads what
/// sv sent to control. Drives C sv and runnel sv alike with no runsv at all.
/// </summary>
internal sealed class FakeService : IDisposable
{
    private int _okFd = -1, _controlFd = -1;
    public string Dir { get; }
    public string Name => Path.GetFileName(Dir);

    public FakeService(string dir, bool running = true)
    {
        Dir = dir;
        Directory.CreateDirectory(Path.Combine(dir, "supervise"));
        MkFifo(Path.Combine(dir, "supervise", "ok"));
        MkFifo(Path.Combine(dir, "supervise", "control"));
        if (running) Start();
    }

    /// <summary>Opens the read ends: now "runsv is running".</summary>
    public void Start()
    {
        _okFd = Fd.Open(Path.Combine(Dir, "supervise", "ok"), Libc.O_RDONLY | Libc.O_NONBLOCK);
        _controlFd = Fd.Open(Path.Combine(Dir, "supervise", "control"), Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (_okFd < 0 || _controlFd < 0) throw new IOException("cannot open fifos in " + Dir);
    }

    /// <summary>Closes the read ends: "runsv exited".</summary>
    public void Stop()
    {
        Fd.Close(_okFd);
        Fd.Close(_controlFd);
        _okFd = _controlFd = -1;
    }

    /// <summary>Writes supervise/status atomically, as runsv does.</summary>
    public void SetStatus(ServiceState state, int pid = 0, char want = 'u', bool paused = false,
        bool term = false, long agoSeconds = 5)
    {
        var rec = new StatusRecord(Tai64n.FromUnix(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - agoSeconds, 0),
            pid, paused, want, term, state);
        var b = new byte[StatusRecord.Size];
        rec.Encode(b);
        SetStatusBytes(b);
    }

    public void SetStatusBytes(byte[] b)
    {
        string p = Path.Combine(Dir, "supervise", "status");
        File.WriteAllBytes(p + ".new", b);
        File.Move(p + ".new", p, overwrite: true);
    }

    /// <summary>The bytes sv wrote to control since the last call.</summary>
    public string TakeControl()
    {
        var sb = new StringBuilder();
        Span<byte> buf = stackalloc byte[256];
        while (_controlFd >= 0)
        {
            nint n = Fd.Read(_controlFd, buf);
            if (n <= 0) break;
            sb.Append(Encoding.ASCII.GetString(buf[..(int)n]));
        }
        return sb.ToString();
    }

    public static void MkFifo(string path)
    {
        if (Libc.mkfifo(path, 0b110_000_000) != 0) throw new IOException($"mkfifo {path}: errno {Libc.Errno}");
    }

    public void Dispose() => Stop();
}
