using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Init;

/// <summary>
/// runit-init (installed as /sbin/init): as PID 1 it replaces itself with
/// /sbin/runit; otherwise `init 0` asks runit to halt, `init 6` to reboot, by
/// setting the modes of stopit/reboot and sending runit a CONT signal.
/// </summary>
internal static unsafe class RunitInitTool
{
    private const string Fatal = "init: fatal: ";

    internal static int Run(string argv0, string[] args)
    {
        if (Libc.getpid() == 1) ExecRunit();
        string arg = args.Length > 0 ? args[0] : "";
        if (arg.Length == 0) return Usage(argv0);
        switch (arg[0])
        {
            case '0': return Halt();
            case '6': return Reboot();
            case '-':
                // As runit-init: -V prints the version, then the usage line (exit 0).
                if (arg.Length > 1 && arg[1] == 'V') Strerr.Warn("$Id: runnel ", Program.Version, " $\n");
                return Usage(argv0);
            default: return Usage(argv0);
        }
    }

    /// <summary>runit-init's usage exits 0 (its man page: 111 on error, 0 in all other cases).</summary>
    private static int Usage(string argv0)
    {
        Strerr.Warn("usage: ", argv0, " 0|6\n");
        return 0;
    }

    private static void ExecRunit()
    {
        var s = new NativeStrings(2);
        byte* path = s.Add(InitPaths.Runit);
        byte** argv = stackalloc byte*[2];
        argv[0] = s.Add("runit");
        argv[1] = null;
        Libc.execve(path, argv, Environ.Pointer);
        Strerr.DieSys(111, Libc.Errno, Fatal, "unable to start ", "runit", ": ");
    }

    private static int Halt()
    {
        (string stopit, string reboot, string other) = Files();
        MarkExecutable(stopit);
        if (Libc.chmod(reboot, 0) == -1 && Libc.Errno != Errors.ENOENT)
            Strerr.DieSys(111, Libc.Errno, Fatal, "unable to chmod ", reboot, ": ");
        // runit reboots if either reboot file is executable: an old one must not win.
        Libc.chmod(other, 0);
        return Signal();
    }

    private static int Reboot()
    {
        (string stopit, string reboot, _) = Files();
        MarkExecutable(stopit);
        MarkExecutable(reboot);
        return Signal();
    }

    /// <summary>Debian's /run pair once its stage 1 made /run/runit.stopit, else upstream's /etc/runit pair; and the other reboot file.</summary>
    private static (string StopIt, string Reboot, string OtherReboot) Files() =>
        InitPaths.DebianLayout()
            ? (InitPaths.RunStopIt, InitPaths.RunReboot, InitPaths.Reboot)
            : (InitPaths.StopIt, InitPaths.Reboot, InitPaths.RunReboot);

    /// <summary>Tells runit, then leaves at once: runit's shutdown will SIGKILL everything still around.</summary>
    private static int Signal()
    {
        Libc.kill(1, Libc.SIGCONT);
        Libc._exit(0);
        return 0;
    }

    /// <summary>Creates (truncates) <paramref name="path"/> and sets its mode to 0100.</summary>
    private static void MarkExecutable(string path)
    {
        int fd = Fd.OpenTrunc(path);
        if (fd == -1) Strerr.DieSys(111, Libc.Errno, Fatal, "unable to create ", path, ": ");
        Fd.Close(fd);
        if (Libc.chmod(path, 0x40) == -1) Strerr.DieSys(111, Libc.Errno, Fatal, "unable to chmod ", path, ": ");
    }
}
