using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Init;

/// <summary>
/// runit's stages 1, 2 and 3: start each, wait for it while reaping every
/// orphan, and in stage 2 act on the CONT (shutdown) and INT (ctrl-alt-del)
/// signals read from the signalfd, and forward ALRM to stage 2 (Debian's runit).
/// </summary>
internal sealed unsafe class Stages
{
    private readonly int _sigfd;
    private int _sigc, _sigi, _siga;

    internal Stages(int sigfd) => _sigfd = sigfd;

    internal void RunAll()
    {
        for (int st = 0; st < 3; st++)
            st = Supervise(st, Start(st));
    }

    /// <summary>Starts stage <paramref name="st"/>; stage 1 gets the console as stdin, 2 and 3 a new session.</summary>
    private static int Start(int st)
    {
        var o = SpawnOptions.Default;
        int tty = -1;
        if (st == 0)
        {
            tty = Fd.Open(InitPaths.Console, Libc.O_RDWR);
            if (tty == -1) Strerr.WarnSys(Libc.Errno, RunitTool.Warning, "unable to open /dev/console: ");
            else o.Stdin = tty;
        }
        else o.Setsid = true;
        Strerr.Warn(RunitTool.Info, "enter stage: ", InitPaths.Stages[st]);
        int pid = Launch(InitPaths.Stages[st], o);
        Fd.Close(tty);
        return pid;
    }

    /// <summary>
    /// Spawns <paramref name="path"/>, retrying every 5 s while the system cannot
    /// fork. A program that cannot be executed is reported and counts as exiting 0
    /// at once (returns 0), as runit's forked child does.
    /// </summary>
    internal static int Launch(string path, in SpawnOptions o)
    {
        for (;;)
        {
            int rc = Spawner.Spawn(path, [path], o, out int pid);
            if (rc == 0) return pid;
            if (rc != Errors.EAGAIN && rc != Errors.ENOMEM)
            {
                Strerr.WarnSys(rc, RunitTool.Fatal, "unable to start child: ", path, ": ");
                return 0;
            }
            Strerr.WarnSys(rc, RunitTool.Fatal, "unable to fork for \"", path, "\" pausing: ");
            RunitTool.Sleep(5000);
        }
    }

    /// <summary>Waits for stage <paramref name="st"/> to end or be ended; returns the stage to continue after.</summary>
    private int Supervise(int st, int pid)
    {
        int wstat = 0;
        bool exited = pid == 0;
        for (;;)
        {
            if (!exited)
            {
                WaitEvent(14_000);
                exited = Reaper.ReapAll(pid, out wstat);
            }
            ConsoleFd.RegetStderr();
            if (exited) return StageEnded(st, pid, wstat);
            if (_sigc == 0 && _sigi == 0 && _siga == 0) continue;
            if (st != 1)
            {
                Strerr.Warn(RunitTool.Warning, "signals only work in stage 2.");
                _sigc = _sigi = _siga = 0;
                continue;
            }
            if (_sigi != 0 && Executable(InitPaths.CtrlAltDel))
            {
                CtrlAltDel();
                _sigi = 0;
                _sigc++;
            }
            if (_sigc != 0 && InitPaths.StopRequested())
            {
                StopStage2(pid);
                _sigc = _sigi = _siga = 0;
                Strerr.Warn(RunitTool.Info, "leave stage: ", InitPaths.Stages[st]);
                return st;
            }
            // Debian's runit: ALRM goes on to stage 2's process (runsvdir, exec'd by
            // /etc/runit/2), which rescans; dpkg triggers use `kill -s ALRM 1`.
            if (_siga != 0) Libc.kill(pid, Libc.SIGALRM);
            _sigc = _sigi = _siga = 0;
        }
    }

    private static int StageEnded(int st, int pid, int wstat)
    {
        string path = InitPaths.Stages[st];
        bool crashed = (wstat & 0x7f) != 0;
        int code = (wstat >> 8) & 0xff;
        // runit 2.3.0 "really restart stage 2 if it crashed": a crash is a failure
        // even though its exit code reads 0 (2.1.2 only looked at the exit code).
        if (code != 0 || crashed)
        {
            Strerr.Warn(RunitTool.Warning, crashed ? "child crashed: " : "child failed: ", path);
            if (st == 0 && (crashed || code == 100))
            {
                Strerr.Warn(RunitTool.Info, "leave stage: ", path);
                Strerr.Warn(RunitTool.Warning, "skipping stage 2...");
                return st + 1;
            }
            if (st == 1 && (crashed || code == 111))
            {
                Strerr.Warn(RunitTool.Warning, "killing all processes in stage 2...");
                Libc.kill(-pid, Libc.SIGKILL);
                RunitTool.Sleep(5000);
                Strerr.Warn(RunitTool.Warning, "restarting.");
                return st - 1;
            }
        }
        Strerr.Warn(RunitTool.Info, "leave stage: ", path);
        return st;
    }

    /// <summary>Runs /etc/runit/ctrlaltdel in the foreground (in runit's session, as runit does).</summary>
    private static void CtrlAltDel()
    {
        string path = InitPaths.CtrlAltDel;
        Strerr.Warn(RunitTool.Info, "ctrl-alt-del request...");
        Strerr.Warn(RunitTool.Info, "enter stage: ", path);
        int pid = Launch(path, SpawnOptions.Default);
        if (pid > 0)
        {
            if (Reaper.WaitPid(pid, out int wstat) == -1)
                Strerr.WarnSys(Libc.Errno, RunitTool.Fatal, "wait_pid: ");
            else if ((wstat & 0x7f) != 0)
                Strerr.Warn(RunitTool.Warning, "child crashed: ", path);
        }
        Strerr.Warn(RunitTool.Info, "leave stage: ", path);
    }

    /// <summary>Shutdown requested: TERM stage 2, give it 5 seconds, then KILL it.</summary>
    private void StopStage2(int pid)
    {
        Libc.chmod(InitPaths.StopIt, 0);
        Libc.chmod(InitPaths.RunStopIt, 0);
        Libc.kill(pid, Libc.SIGTERM);
        long deadline = Clock.MonotonicMs() + 5000;
        bool gone = Reaper.ReapAll(pid, out _);
        while (!gone)
        {
            long left = deadline - Clock.MonotonicMs();
            if (left <= 0) break;
            WaitEvent((int)left);
            gone = Reaper.ReapAll(pid, out _);
        }
        if (gone) return;
        Strerr.Warn(RunitTool.Warning, "stage 2 not terminated, sending sigkill...");
        Libc.kill(pid, Libc.SIGKILL);
        if (Reaper.WaitPid(pid, out _) == -1) Strerr.WarnSys(Libc.Errno, RunitTool.Warning, "wait_pid: ");
    }

    /// <summary>Sleeps until a signal arrives (or <paramref name="timeoutMs"/>), counting CONT, INT and ALRM.</summary>
    private void WaitEvent(int timeoutMs)
    {
        Libc.PollFd p = new() { Fd = _sigfd, Events = Libc.POLLIN };
        Libc.poll(&p, 1, timeoutMs);
        int sig;
        while ((sig = Signals.Read(_sigfd)) != 0)
        {
            if (sig == Libc.SIGCONT) _sigc++;
            else if (sig == Libc.SIGINT) _sigi++;
            else if (sig == Libc.SIGALRM) _siga++;
        }
    }

    /// <summary>Exists and has the execute-by-owner permission.</summary>
    internal static bool Executable(string path) => Fd.Stat(path, out Libc.Stat st) && (st.Mode & 0x40) != 0;
}
