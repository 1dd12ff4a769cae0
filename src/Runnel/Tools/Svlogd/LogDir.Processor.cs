using System;
using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// The `!processor` protocol: `sh -c processor` (a plain command directly:
/// see <see cref="ProcessorCommand"/>) in the log directory with the
/// rotated @x.u on stdin, @x.t on stdout, state on fd 4 and newstate on fd 5;
/// on success @x.t becomes @x.s (0744), @x.u goes, newstate becomes state; on
/// failure @x.t goes and the processor runs again.
/// </summary>
internal sealed partial class LogDir
{
    /// <summary>pid of the running processor, 0 when none.</summary>
    internal int Ppid;
    /// <summary>The @x.u the processor reads (C's fnsave).</summary>
    private string _fnsave = "";

    private string Sibling(char suffix) => _fnsave[..26] + suffix;

    internal void StartProcessor()
    {
        if (Config.Processor == null) return;
        if (Ppid != 0) { Msg.Warnx("processor already running", Name); return; }
        if (_opt.Verbose > 0) Msg.Info("processing: ", Name, "/", _fnsave);
        var pause = new Pauser();
        while (!TrySpawnProcessor(out int e, out string what)) pause.Pause(e, what, Name);
    }

    private unsafe bool TrySpawnProcessor(out int errno, out string what)
    {
        int fin = -1, fout = -1, fst = -1, fnew = -1;
        try
        {
            what = "unable to open input for processor";
            if ((fin = OpenHigh(_fnsave, Libc.O_RDONLY, 0)) == -1) { errno = Libc.Errno; return false; }
            what = "unable to open output for processor";
            if ((fout = OpenHigh(Sibling('t'), Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, 420)) == -1) { errno = Libc.Errno; return false; }
            what = "unable to open state for processor";
            if ((fst = OpenHigh("state", Libc.O_RDONLY, 0)) == -1 && Libc.Errno == Errors.ENOENT)
            {
                what = "unable to create empty state for processor";
                Fd.Close(OpenHigh("state", Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, 420));
                fst = OpenHigh("state", Libc.O_RDONLY, 0);
            }
            if (fst == -1) { errno = Libc.Errno; return false; }
            what = "unable to open newstate for processor";
            if ((fnew = OpenHigh("newstate", Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, 420)) == -1) { errno = Libc.Errno; return false; }
            var o = SpawnOptions.Default;
            o.Stdin = fin;
            o.Stdout = fout;
            o.ExtraFds = [(fst, 4), (fnew, 5)];
            o.Chdir = Name;
            what = "unable to run processor";
            int pid = 0;
            string[]? direct = ProcessorCommand.DirectArgv(Config.Processor!);
            o.SearchPath = true;
            errno = direct == null ? -1 : Spawner.Spawn(direct[0], direct, o, out pid);
            o.SearchPath = false;
            if (errno != 0) errno = Spawner.Spawn("/bin/sh", ["sh", "-c", Config.Processor!], o, out pid);
            if (errno != 0) return false;
            Ppid = pid;
            return true;
        }
        finally
        {
            Fd.Close(fin); Fd.Close(fout); Fd.Close(fst); Fd.Close(fnew);
        }
    }

    /// <summary>openat in the log dir, moved to an fd above 9 so the child's dup2 onto 0, 1, 4, 5 cannot clobber a source.</summary>
    private int OpenHigh(string path, int flags, int mode)
    {
        int fd = Libc.openat(DirFd, path, flags | Libc.O_CLOEXEC | Libc.O_NOCTTY, mode);
        if (fd == -1 || fd >= 10) return fd;
        int hi = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, 10);
        int e = Libc.Errno;
        Libc.close(fd);
        Libc.SetErrno(e);
        return hi;
    }

    /// <summary>Blocks until the running processor has finished successfully (restarting it on failure), as C's rotate does.</summary>
    internal unsafe void WaitProcessor()
    {
        while (Ppid != 0)
        {
            int status;
            int r = Libc.waitpid(Ppid, &status, 0);
            if (r == -1)
            {
                if (Libc.Errno == Errors.EINTR) continue;
                Msg.Warn2(Libc.Errno, "error waiting for processor", Name);
                Ppid = 0;
                return;
            }
            Ppid = 0;
            ProcessorDone(status);
        }
    }

    /// <summary>C's processorstop after the processor exited with <paramref name="status"/>.</summary>
    internal void ProcessorDone(int status)
    {
        if (DirFd == -1) return;
        // C takes a processor killed by a signal for a success (its exit code reads 0) and deletes the
        // input; runnel counts it as a failure and runs the processor again.
        if (!Libc.WIFEXITED(status) || Libc.WEXITSTATUS(status) != 0)
        {
            Msg.Warnx("processor failed, restart", Name);
            Libc.unlinkat(DirFd, Sibling('t'), 0);
            StartProcessor();
            return;
        }
        string t = Sibling('t'), s = Sibling('s');
        Retry(() => Libc.renameat(DirFd, t, DirFd, s) == 0, "unable to rename processed");
        Retry(() => Libc.fchmodat(DirFd, s, 484, 0) == 0, "unable to set mode of processed");
        if (Libc.unlinkat(DirFd, _fnsave, 0) == -1) Strerr.Warn(Msg.Warning, "unable to unlink: ", Name, "/", _fnsave);
        Retry(() => Libc.renameat(DirFd, "newstate", DirFd, "state") == 0, "unable to rename state");
        if (_opt.Verbose > 0) Msg.Info("processed: ", Name, "/", s);
    }
}
