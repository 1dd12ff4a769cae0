using System.Diagnostics;
using System.IO;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Chpst;

/// <summary>Locks (-l waits, -L fails, setlock's flags) and the error paths with their messages and exit codes.</summary>
public class ChpstLockAndErrorTests
{
    private static string R(string name = "chpst") => ChpstRig.Tool(c: false, name);

    /// <summary>Holds an exclusive flock on <paramref name="file"/> until the returned process is killed.</summary>
    private static Process Hold(string file)
    {
        var p = Cmd.Start("flock", new[] { file, "sleep", "60" });
        Wait.Until(() => Cmd.Run("flock", "-n", file, "true").ExitCode != 0, "lock held by flock");
        return p;
    }

    private static void Release(Process p)
    {
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    [Fact]
    public void LockFdIsHeldByTheProgram()
    {
        using var t = ChpstRig.OpenTemp("chpst-lk");
        string outFile = t["report"];
        var res = ChpstRig.RunProbe(R(), new[] { "-l", t["x.lock"], ChpstRig.Probe, outFile }, outFile, t.Path);
        Assert.Equal(0, res.Result.ExitCode);
        Assert.Equal("0,1,2,3[lock]", res.Report["fds"]);  // not close-on-exec: the program holds the lock
    }

    [Fact]
    public void NonWaitingLockFailsWhenHeld()
    {
        using var t = ChpstRig.OpenTemp("chpst-L");
        var holder = Hold(t["x.lock"]);
        try
        {
            var r = Cmd.Run(R(), "-L", t["x.lock"], "echo", "ran");
            Assert.Equal(111, r.ExitCode);
            Assert.Equal("", r.Stdout);
            Assert.Equal($"chpst: fatal: unable to lock: {t["x.lock"]}: temporary failure\n", r.Stderr);
        }
        finally { Release(holder); }
    }

    [Fact]
    public void WaitingLockWaitsForTheHolder()
    {
        using var t = ChpstRig.OpenTemp("chpst-l");
        var holder = Hold(t["x.lock"]);
        var waiter = Cmd.Start(R(), new[] { "-l", t["x.lock"], "echo", "ran" });
        try
        {
            Assert.False(waiter.WaitForExit(300), "chpst -l did not wait for the lock");
            Release(holder);
            Assert.True(waiter.WaitForExit(10_000));
            Assert.Equal(0, waiter.ExitCode);
            Assert.Equal("ran\n", waiter.StandardOutput.ReadToEnd());
        }
        finally
        {
            if (!waiter.HasExited) waiter.Kill();
            if (!holder.HasExited) Release(holder);
        }
    }

    [Theory]
    [InlineData(new string[0], 111, "")]           // default: no wait, fail
    [InlineData(new[] { "-N" }, 111, "")]
    [InlineData(new[] { "-x" }, 0, "")]            // -x: fail silently with 0
    [InlineData(new[] { "-n", "-x" }, -1, "ran\n")] // -n: waits (C chpst's setlock)
    public void SetlockFlagsAsCChpst(string[] flags, int rc, string stdout)
    {
        using var t = ChpstRig.OpenTemp("setlock");
        var holder = Hold(t["x.lock"]);
        try
        {
            var args = new System.Collections.Generic.List<string>(flags) { t["x.lock"], "echo", "ran" };
            if (rc == -1)
            {
                var w = Cmd.Start(R("setlock"), args);
                Assert.False(w.WaitForExit(300), "setlock -n did not wait");
                Release(holder);
                Assert.True(w.WaitForExit(10_000));
                Assert.Equal(0, w.ExitCode);
                Assert.Equal(stdout, w.StandardOutput.ReadToEnd());
                return;
            }
            var r = Cmd.Run(R("setlock"), args);
            Assert.Equal(rc, r.ExitCode);
            Assert.Equal(stdout, r.Stdout);
            Assert.Equal(rc == 0 ? "" : $"chpst: fatal: unable to lock: {t["x.lock"]}: temporary failure\n", r.Stderr);
        }
        finally { if (!holder.HasExited) Release(holder); }
    }

    [Theory]
    [InlineData("-u", "no-such-user-x", "chpst: fatal: unknown user/group: no-such-user-x\n")]
    [InlineData("-u", "nobody:no-such-group-x", "chpst: fatal: unknown user/group: nobody:no-such-group-x\n")]
    [InlineData("-u", ":12", "chpst: fatal: invalid uid/gids: 12\n")]
    [InlineData("-U", "no-such-user-x", "chpst: fatal: unknown user/group: no-such-user-x\n")]
    [InlineData("-e", "/nonexistent-dir", "chpst: fatal: unable to switch to directory: /nonexistent-dir: file does not exist\n")]
    [InlineData("-/", "/nonexistent-dir", "chpst: fatal: unable to change directory: /nonexistent-dir: file does not exist\n")]
    [InlineData("-C", "/nonexistent-dir", "chpst: fatal: unable to change directory: /nonexistent-dir: file does not exist\n")]
    [InlineData("-l", "/nonexistent-dir/lock", "chpst: fatal: unable to open lock: /nonexistent-dir/lock: file does not exist\n")]
    public void ErrorsExit111WithCMessages(string opt, string arg, string stderr)
    {
        var r = Cmd.Run(R(), opt, arg, "echo", "ran");
        Assert.Equal(111, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal(stderr, r.Stderr);
    }

    [Fact]
    public void UnknownProgram()
    {
        var r = Cmd.Run(R(), "-b", "shown-name", "no-such-program-x");
        Assert.Equal(111, r.ExitCode);
        Assert.Equal("chpst: fatal: unable to run: shown-name: file does not exist\n", r.Stderr);
        var s = Cmd.Run(R("setuidgid"), "nobody", "/nonexistent/prog");
        Assert.Equal(111, s.ExitCode);
        Assert.Equal("chpst: fatal: unable to run: /nonexistent/prog: file does not exist\n", s.Stderr);
    }

    [Fact]
    public void UsageExits100()
    {
        const string usage = "usage: chpst [-vVP012] [-u user[:group]] [-U user[:group]] [-b argv0] [-e dir] [-/ root] [-C pwd] [-n nice] [-l|-L lock] [-m n] [-d n] [-o n] [-p n] [-f n] [-c n] [-t n] prog\n\n";
        var r = Cmd.Run(R());
        Assert.Equal(100, r.ExitCode);
        Assert.Equal(usage, r.Stderr);
        var v = Cmd.Run(R(), "-V");
        Assert.Equal(100, v.ExitCode);
        Assert.StartsWith("$Id: runnel ", v.Stderr);
        Assert.EndsWith(" $\n" + usage, v.Stderr);
        Assert.Equal("chpst: option requires an argument -- u\n" + usage, Cmd.Run(R(), "-u").Stderr);
        Assert.Equal("chpst: illegal option -- z\n" + usage, Cmd.Run(R(), "-z", "true").Stderr);
        Assert.Equal(100, Cmd.Run(R(), "-l", "a", "-L", "b", "true").ExitCode);
        Assert.Equal(usage, Cmd.Run(R(), "-n", "1x", "true").Stderr);
        Assert.Equal(usage, Cmd.Run(R(), "-o", "-1", "true").Stderr);
    }

    [Fact]
    public void EnvDirSubdirectory()
    {
        using var t = ChpstRig.OpenTemp("envdir-sub");
        Directory.CreateDirectory(t["env/SUB"]);
        var viaOption = Cmd.Run(R(), "-v", "-e", t["env"], "true");
        Assert.Equal(0, viaOption.ExitCode);
        Assert.Equal($"chpst: warning: unable to read {t["env"]}/SUB: is a directory\n", viaOption.Stderr);
        var envdir = Cmd.Run(R("envdir"), t["env"], "true");
        Assert.Equal(111, envdir.ExitCode);
        Assert.Equal($"chpst: fatal: unable to read {t["env"]}/SUB: is a directory\n", envdir.Stderr);
    }
}
