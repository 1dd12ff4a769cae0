using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Init;

/// <summary>
/// A root directory for runit as process 1: /usr of the host (read-only bind),
/// runnel's out/bin on /rbin with /sbin/runit and /sbin/runit-init pointing into
/// it, Debian's C runit on /crunit, and the test's own /etc/runit. It boots in a
/// new PID + mount namespace (unshare), chrooted, with an empty environment and
/// nothing mounted on /proc, /sys or /dev/shm, as at a real boot.
/// </summary>
public sealed class InitRoot : IDisposable
{
    private readonly TempDir _dir = new("runnel-init");
    private readonly StringBuilder _out = new();
    private Process? _unshare;

    public string Root => _dir.Path;

    public InitRoot()
    {
        foreach (string d in new[] { "usr", "sbin", "etc/runit", "proc", "dev", "rbin", "crunit", "tmp", "service", "run" })
            Directory.CreateDirectory(_dir[d]);
        foreach (string d in new[] { "bin", "lib", "lib64" })
            File.CreateSymbolicLink(_dir[d], "usr/" + d);
        File.Copy("/etc/ld.so.cache", _dir["etc/ld.so.cache"]);
        File.WriteAllText(_dir["dev/null"], "");
        File.CreateSymbolicLink(_dir["sbin/runit"], "/rbin/runit");
        File.CreateSymbolicLink(_dir["sbin/runit-init"], "/rbin/runit-init");
    }

    /// <summary>Writes an executable /bin/sh script at <paramref name="path"/> inside the root.</summary>
    public void Script(string path, string body) => _dir.Script(path.TrimStart('/'), body);

    /// <summary>Stage scripts 1, 2, 3 that log "stageN" to /log before doing <paramref name="stage2"/>.</summary>
    public void Stages(string stage1 = "", string stage2 = "exec sleep 1000", string stage3 = "")
    {
        Script("/etc/runit/1", "echo stage1 >>/log\n" + stage1);
        Script("/etc/runit/2", "echo stage2 >>/log\n" + stage2);
        Script("/etc/runit/3", "i=0; while [ -e /init.pending ] && [ ! -e /init.rc ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done\n" +
            "echo stage3 >>/log\n" + stage3);
    }

    public string Host(string path) => _dir[path.TrimStart('/')];

    public string Read(string path) => File.Exists(Host(path)) ? File.ReadAllText(Host(path)) : "";

    /// <summary>What runit wrote on its stdout/stderr (no /dev/console in the root: the inherited pipe).</summary>
    public string Output { get { lock (_out) return _out.ToString(); } }

    /// <summary>Boots <paramref name="init"/> as process 1 of a fresh PID namespace.</summary>
    public void Boot(string init = "/sbin/runit-init", string redirect = "2>&1", string env = "")
    {
        string r = Root;
        string setup = $"mount --rbind /usr {r}/usr && mount --bind {Paths.RunnelBin} {r}/rbin && " +
            $"mount --bind {Paths.CRunitRoot} {r}/crunit && {{ [ ! -e {r}/dev/null ] || mount --bind /dev/null {r}/dev/null; }} && " +
            $"exec /usr/bin/env -i {env} /usr/sbin/chroot {r} {init} {redirect}";
        var psi = new ProcessStartInfo("/usr/bin/unshare")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string a in new[] { "-p", "-f", "-m", "--propagation", "private", "/bin/sh", "-c", setup })
            psi.ArgumentList.Add(a);
        _unshare = Process.Start(psi)!;
        _unshare.OutputDataReceived += Collect;
        _unshare.ErrorDataReceived += Collect;
        _unshare.BeginOutputReadLine();
        _unshare.BeginErrorReadLine();
    }

    private void Collect(object? sender, DataReceivedEventArgs e)
    {
        if (e.Data == null) return;
        lock (_out) _out.Append(e.Data).Append('\n');
    }

    /// <summary>Host pid of the namespace's process 1 (the child of unshare).</summary>
    public int Pid1 => Wait.For(FindPid1, p => p > 0, "process 1 of the namespace");

    private int FindPid1()
    {
        if (_unshare == null) return 0;
        try
        {
            string c = File.ReadAllText($"/proc/{_unshare.Id}/task/{_unshare.Id}/children").Trim();
            return c.Length == 0 ? 0 : int.Parse(c.Split(' ')[0]);
        }
        catch (IOException) { return 0; }
    }

    /// <summary>Runs a program inside the namespace (its PID 1's pid namespace, mounts and root).</summary>
    public CmdResult Enter(params string[] argv)
    {
        var a = new System.Collections.Generic.List<string> { "-t", Pid1.ToString(), "-p", "-m", "-r", "-w", "--" };
        a.AddRange(argv);
        return Cmd.Run("/usr/bin/nsenter", a);
    }

    /// <summary>Waits until runit's output contains <paramref name="text"/>.</summary>
    public void WaitOutput(string text, int timeoutMs = 20_000) =>
        Until(() => Output.Contains(text), $"\"{text}\" in runit's output", timeoutMs);

    public void WaitLog(string text, int timeoutMs = 20_000) =>
        Until(() => Read("/log").Contains(text), $"\"{text}\" in /log", timeoutMs);

    private void Until(Func<bool> ok, string what, int timeoutMs)
    {
        try { Wait.Until(ok, what, timeoutMs); }
        catch (TimeoutException e) { throw new TimeoutException($"{e.Message}\n--- /log\n{Read("/log")}--- output\n{Output}"); }
    }

    /// <summary>
    /// Runs `runit-init ARG` inside the namespace and returns its exit code (its stderr goes to /init.err). Stage 3
    /// of <see cref="Stages"/> waits for it to be recorded: runit's final KILL to
    /// all processes could otherwise hit runit-init before it has exited.
    /// </summary>
    public int Init(string arg, string runitInit = "/sbin/runit-init")
    {
        File.Delete(Host("/init.rc"));
        File.WriteAllText(Host("/init.pending"), "");
        Enter("/bin/sh", "-c", $"{runitInit} {arg} 2>/init.err; echo $? >/init.rc.new && mv /init.rc.new /init.rc");
        string rc = Wait.For(() => Read("/init.rc"), s => s.Length > 0, "runit-init's exit code");
        File.Delete(Host("/init.pending"));
        return int.Parse(rc.Trim());
    }

    /// <summary>Waits for the namespace to end; the exit status as .NET reports it (128 + signal if killed).</summary>
    public int WaitExit(int timeoutMs = 30_000)
    {
        if (_unshare == null) throw new InvalidOperationException("not booted");
        if (!_unshare.WaitForExit(timeoutMs)) throw new TimeoutException("namespace still running:\n" + Output);
        _unshare.WaitForExit();
        return _unshare.ExitCode;
    }

    public bool Exited => _unshare is { HasExited: true };

    public void Dispose()
    {
        if (_unshare is { HasExited: false })
        {
            int p = FindPid1();
            if (p > 0) Cmd.Run("/bin/kill", "-KILL", p.ToString());
            if (!_unshare.WaitForExit(10_000)) _unshare.Kill();
            _unshare.WaitForExit();
        }
        _unshare?.Dispose();
        Thread.MemoryBarrier();
        _dir.Dispose();
    }
}
