using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Init;

/// <summary>
/// runit, Unix process no 1: sets up signals and the console, then runs the
/// three stages (<see cref="Stages"/>) and finally halts or reboots the machine
/// (<see cref="Final"/>).
/// </summary>
internal static unsafe class RunitTool
{
    internal const string Info = "- runit: ";
    internal const string Warning = "- runit: warning: ";
    internal const string Fatal = "- runit: fatal: ";

    /// <summary>Every signal runit blocks; CHLD, CONT and INT are acted on, the rest are read and dropped.</summary>
    private static readonly int[] s_signals =
    [
        Libc.SIGALRM, Libc.SIGCHLD, Libc.SIGCONT, Libc.SIGHUP, Libc.SIGINT, Libc.SIGPIPE, Libc.SIGTERM,
    ];

    internal static int Run(string argv0, string[] args)
    {
        if (Libc.getpid() != 1) Strerr.Die(111, Fatal, "must be run as process no 1.");
        Libc.setsid();
        // Before anything can start a thread or a child: the runtime's threads
        // must never take these signals, and we read them from a signalfd.
        Signals.BlockEverywhere(s_signals);
        ConsoleFd.TakeStdio();
        int sigfd;
        while ((sigfd = Signals.OpenSignalFd()) == -1)
        {
            Strerr.WarnSys(Libc.Errno, Fatal, "unable to create signalfd, pausing: ");
            Sleep(5000);
        }
        sigfd = AboveStdio(sigfd);
        // Ctrl-alt-del now sends SIGINT to process 1 instead of rebooting at once.
        Libc.reboot(Libc.RB_DISABLE_CAD);
        Strerr.Warn(Info, "$Id: runnel ", Program.Version, " $", ": booting.");

        new Stages(sigfd).RunAll();
        Final.HaltOrReboot(sigfd);
        return 0; // not reached
    }

    internal static void Sleep(int ms) => Libc.poll(null, 0, ms);

    /// <summary>
    /// Without a console at boot fds 0-2 may be free and the signalfd would take
    /// one; the console later dup2'ed onto fd 2 would then close it. Keep it above.
    /// </summary>
    private static int AboveStdio(int fd)
    {
        if (fd > 2) return fd;
        int moved = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, 3);
        if (moved == -1) return fd;
        Fd.Close(fd);
        return moved;
    }
}

/// <summary>runit's handling of /dev/console.</summary>
internal static class ConsoleFd
{
    /// <summary>At boot: the console becomes stdin, stdout and stderr if it can be opened.</summary>
    internal static void TakeStdio()
    {
        int fd = Fd.Open(InitPaths.Console, Libc.O_WRONLY | Libc.O_NONBLOCK);
        if (fd == -1) return;
        for (int i = 0; i <= 2; i++) Move(fd, i);
        if (fd > 2) Fd.Close(fd);
    }

    /// <summary>"reget stderr": reopen the console as fd 2 before reporting, as runit does every round.</summary>
    internal static void RegetStderr()
    {
        int fd = Fd.Open(InitPaths.Console, Libc.O_WRONLY | Libc.O_NONBLOCK);
        if (fd == -1) return;
        Move(fd, 2);
        if (fd > 2) Fd.Close(fd);
    }

    /// <summary>dup2 that also leaves no close-on-exec on the target when it already is <paramref name="fd"/>.</summary>
    private static void Move(int fd, int to)
    {
        if (fd == to) Libc.fcntl(fd, Libc.F_SETFD, 0);
        else Libc.dup2(fd, to);
    }
}
