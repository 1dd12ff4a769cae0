using System;
using Runnel.Posix;
using Runnel.Tools.Chpst;

namespace Runnel.Tools.Utmpset;

/// <summary>
/// utmpset [-w] line: marks the utmp record of a terminal line as logged out
/// (DEAD_PROCESS, user and host cleared, time now) and with -w appends an
/// empty record for the line to wtmp. As runit 2.3.0: a line longer than
/// ut_line is refused; one of exactly ut_line's size matches without a NUL.
/// </summary>
internal static class UtmpsetTool
{
    private const string Fatal = "utmpset: fatal: ";
    private const string Warning = "utmpset: warning: ";

    internal static int Run(string argv0, string[] args)
    {
        byte[][] argv = Argv.Raw(argv0, args);
        byte[] progname = argv[0];
        bool wtmp = false;
        var g = new Getopt(argv);
        int opt;
        while ((opt = g.Next("wV")) != Getopt.Done)
        {
            if (opt == 'w') { wtmp = true; continue; }
            if (opt == 'V') Msg.Warn("$Id: runnel ", Program.Version, " $");
            Usage(progname);
        }
        if (g.Index >= argv.Length) Usage(progname);
        byte[] line = argv[g.Index];
        if (!UtmpLogout(line))
            Msg.Die(111, Warning, "unable to logout line ", line, " in utmp: no such entry");
        if (wtmp && !WtmpLogout(line, out int e))
            Msg.DieSys(111, e, Warning, "unable to logout line ", line, " in wtmp: ");
        Libc._exit(0);
        return 0;
    }

    private static void Usage(byte[] progname) => Msg.Die(1, "usage: ", progname, " [-w] line", "\n");

    private static unsafe bool UtmpLogout(byte[] line)
    {
        int len = line.Length;
        if (len > Libc.Utmp.LineSize)
            Msg.Die(111, Fatal, "unable to logout line ", line, " in utmp: name too long");
        byte[] want = new byte[Libc.Utmp.LineSize];
        line.CopyTo(want, 0);
        if (len < Libc.Utmp.LineSize) ++len; // compare the terminating NUL too
        int fd = Fd.Open(Libc.PATH_UTMP, Libc.O_RDWR);
        if (fd < 0) Msg.DieSys(111, Libc.Errno, Fatal, "unable to open ", Libc.PATH_UTMP, ": ");
        if (Libc.flock(fd, Libc.LOCK_EX) == -1)
            Msg.DieSys(111, Libc.Errno, Fatal, "unable to lock: ", Libc.PATH_UTMP, ": ");
        bool ok = false;
        byte[] ut = new byte[Libc.Utmp.Size];
        while (ReadRecord(fd, ut))
        {
            if (ut[Libc.Utmp.UserOffset] == 0 || !ut.AsSpan(Libc.Utmp.LineOffset, len).SequenceEqual(want.AsSpan(0, len))) continue;
            ut.AsSpan(Libc.Utmp.UserOffset, Libc.Utmp.UserSize).Clear();
            ut.AsSpan(Libc.Utmp.HostOffset, Libc.Utmp.HostSize).Clear();
            long t = Now();
            if (t == -1) break;
            Stamp(ut, t);
            if (Libc.lseek(fd, -Libc.Utmp.Size, 1 /* SEEK_CUR */) == -1) break;
            if (Fd.Write(fd, ut) != Libc.Utmp.Size) break;
            ok = true;
            break;
        }
        Fd.Close(fd);
        return ok;
    }

    /// <summary>time(2): seconds since the epoch, -1 on error.</summary>
    private static unsafe long Now()
    {
        Libc.Timespec ts;
        return Libc.clock_gettime(Libc.CLOCK_REALTIME, &ts) == 0 ? ts.Sec : -1;
    }

    private static bool ReadRecord(int fd, byte[] ut) => Fd.Read(fd, ut) == ut.Length;

    /// <summary>ut_tv.tv_sec (32 bits in the file format) and ut_type = DEAD_PROCESS.</summary>
    private static void Stamp(byte[] ut, long t)
    {
        BitConverter.TryWriteBytes(ut.AsSpan(Libc.Utmp.TvSecOffset, 4), unchecked((int)t));
        BitConverter.TryWriteBytes(ut.AsSpan(Libc.Utmp.TypeOffset, 2), Libc.DEAD_PROCESS);
    }

    private static unsafe bool WtmpLogout(byte[] line, out int errno)
    {
        errno = 0;
        int fd = Fd.OpenAppend(Libc.PATH_WTMP);
        if (fd == -1) Msg.DieSys(111, Libc.Errno, Fatal, "unable to open ", Libc.PATH_WTMP, ": ");
        if (Libc.flock(fd, Libc.LOCK_EX) == -1)
            Msg.DieSys(111, Libc.Errno, Fatal, "unable to lock ", Libc.PATH_WTMP, ": ");
        if (!Fd.Fstat(fd, out Libc.Stat st)) return Fail(fd, out errno);
        byte[] ut = new byte[Libc.Utmp.Size];
        int len = line.Length > Libc.Utmp.LineSize ? Libc.Utmp.LineSize - 2 : line.Length;
        line.AsSpan(0, len).CopyTo(ut.AsSpan(Libc.Utmp.LineOffset));
        long t = Now();
        if (t == -1) return Fail(fd, out errno);
        Stamp(ut, t);
        if (Fd.Write(fd, ut) != Libc.Utmp.Size)
        {
            errno = Libc.Errno;
            Libc.ftruncate(fd, st.Size);
            Fd.Close(fd);
            return false;
        }
        Fd.Close(fd);
        return true;
    }

    private static bool Fail(int fd, out int errno)
    {
        errno = Libc.Errno;
        Fd.Close(fd);
        return false;
    }
}
