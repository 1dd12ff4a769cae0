using System;
using Runnel.Posix;

namespace Runnel.Tools.Runsv;

/// <summary>
/// Creates and opens supervise/ (or log/supervise/) as C runsv does: the dir
/// or the target of a dangling supervise symlink, lock, control and ok FIFOs.
/// At start-up every failure is fatal; when recreating a removed supervise/
/// under a running service the same steps only warn, and are retried later.
/// </summary>
internal static unsafe class SuperviseDir
{
    internal static bool Create(Service s, bool fatal)
    {
        string dir = s.IsLog ? "log/supervise" : "supervise";
        if (Libc.mkdir(dir, 0x1c0) == 0) return true;
        Span<byte> buf = stackalloc byte[256];
        nint r;
        fixed (byte* p = buf) r = Libc.readlink(dir, p, 256);
        if (r != -1)
        {
            if (r == 256) return Fail(fatal, "unable to readlink ./" + dir + ": ", "name too long");
            string target = System.Text.Encoding.UTF8.GetString(buf[..(int)r]);
            // A relative link target is relative to the dir holding the link.
            if (s.IsLog && target.Length > 0 && target[0] != '/') target = "log/" + target;
            Libc.mkdir(target, 0x1c0);
            return true;
        }
        int e = Libc.Errno;
        if (e != Errors.ENOENT && e != Errors.EINVAL) return Fail(fatal, "unable to readlink ./" + dir, e);
        return true;
    }

    internal static bool Lock(Service s, bool fatal)
    {
        string path = s.Supervise + "lock";
        int fd = Fd.OpenAppend(path);
        if (fd == -1) return Fail(fatal, "unable to open " + path, Libc.Errno);
        // The service's lock must not wait (a second runsv fails); the log's does, as in C.
        if (Libc.flock(fd, s.IsLog ? Libc.LOCK_EX : Libc.LOCK_EX | Libc.LOCK_NB) == -1)
        {
            int e = Libc.Errno;
            Fd.Close(fd);
            return Fail(fatal, "unable to lock " + path, e);
        }
        Fd.Close(s.FdLock);
        s.FdLock = fd;
        return true;
    }

    internal static bool OpenControl(Service s, bool fatal)
    {
        string path = s.Supervise + "control";
        Libc.mkfifo(path, 0x180);
        if (!Fd.Stat(path, out Libc.Stat st)) return Fail(fatal, "unable to stat " + path, Libc.Errno);
        if (!st.IsFifo) return Fail(fatal, path + " exists but is not a fifo", "");
        int r = Fd.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (r == -1) return Fail(fatal, "unable to open " + path, Libc.Errno);
        // Holding a writer open keeps the reader from seeing EOF between clients.
        int w = Fd.Open(path, Libc.O_WRONLY | Libc.O_NONBLOCK);
        if (w == -1)
        {
            int e = Libc.Errno;
            Fd.Close(r);
            return Fail(fatal, "unable to open " + path, e);
        }
        Fd.Close(s.FdControl);
        Fd.Close(s.FdControlWrite);
        s.FdControl = r;
        s.FdControlWrite = w;
        return true;
    }

    internal static bool OpenOk(Service s, bool fatal)
    {
        string path = s.Supervise + "ok";
        Libc.mkfifo(path, 0x180);
        int fd = Fd.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (fd == -1) return Fail(fatal, "unable to read " + path, Libc.Errno);
        Fd.Close(s.FdOk);
        s.FdOk = fd;
        return true;
    }

    private static bool Fail(bool fatal, string m, int errno)
    {
        if (fatal) Report.Fatal(m, errno);
        Report.Warn(m, errno);
        return false;
    }

    private static bool Fail(bool fatal, string m1, string m2)
    {
        if (fatal) Report.FatalX(m1, m2);
        Report.WarnX(m1, null, m2);
        return false;
    }
}
