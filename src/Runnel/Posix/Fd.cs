using System;

namespace Runnel.Posix;

/// <summary>
/// fd-level helpers over <see cref="Libc"/>: EINTR retried, O_CLOEXEC always
/// set so nothing leaks into children. Failures return -1 (or false) with
/// errno in <see cref="Libc.Errno"/>, for the caller to word as runit does.
/// </summary>
internal static unsafe class Fd
{
    internal static int Open(string path, int flags, int mode = 0)
    {
        int fd;
        do fd = Libc.open(path, flags | Libc.O_CLOEXEC, mode);
        while (fd == -1 && Libc.Errno == Errors.EINTR);
        return fd;
    }

    internal static int OpenRead(string path) => Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK);

    /// <summary>runit's open_trunc: write-only, created 0644, truncated.</summary>
    internal static int OpenTrunc(string path) =>
        Open(path, Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_TRUNC | Libc.O_CREAT, 420);

    /// <summary>runit's open_append: write-only, created 0600, appending.</summary>
    internal static int OpenAppend(string path) =>
        Open(path, Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_APPEND | Libc.O_CREAT, 384);

    internal static void Close(int fd)
    {
        if (fd >= 0) Libc.close(fd);
    }

    internal static nint Read(int fd, Span<byte> buf)
    {
        nint n;
        fixed (byte* p = buf)
            do n = Libc.read(fd, p, buf.Length);
            while (n == -1 && Libc.Errno == Errors.EINTR);
        return n;
    }

    internal static nint Write(int fd, ReadOnlySpan<byte> buf)
    {
        nint n;
        fixed (byte* p = buf)
            do n = Libc.write(fd, p, buf.Length);
            while (n == -1 && Libc.Errno == Errors.EINTR);
        return n;
    }

    /// <summary>Writes all of <paramref name="buf"/>; false on the first error.</summary>
    internal static bool WriteAll(int fd, ReadOnlySpan<byte> buf)
    {
        while (!buf.IsEmpty)
        {
            nint n = Write(fd, buf);
            if (n < 0)
            {
                if (Libc.Errno == Errors.EAGAIN && WaitWritable(fd)) continue;
                return false;
            }
            buf = buf[(int)n..];
        }
        return true;
    }

    private static bool WaitWritable(int fd)
    {
        Libc.PollFd p = new() { Fd = fd, Events = Libc.POLLOUT };
        return Libc.poll(&p, 1, -1) >= 0;
    }

    /// <summary>A pipe with both ends close-on-exec.</summary>
    internal static bool Pipe(out int readEnd, out int writeEnd)
    {
        int* fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.O_CLOEXEC) == -1)
        {
            readEnd = writeEnd = -1;
            return false;
        }
        readEnd = fds[0];
        writeEnd = fds[1];
        return true;
    }

    internal static void SetNonblock(int fd) =>
        Libc.fcntl(fd, Libc.F_SETFL, Libc.fcntl(fd, Libc.F_GETFL, 0) | Libc.O_NONBLOCK);

    internal static void SetCloexec(int fd) => Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);

    /// <summary>Reads up to buf.Length bytes of a small file; -1 on error.</summary>
    internal static int ReadFile(string path, Span<byte> buf)
    {
        int fd = Open(path, Libc.O_RDONLY);
        if (fd == -1) return -1;
        int total = 0;
        while (total < buf.Length)
        {
            nint n = Read(fd, buf[total..]);
            if (n < 0) { int e = Libc.Errno; Close(fd); Libc.SetErrno(e); return -1; }
            if (n == 0) break;
            total += (int)n;
        }
        Close(fd);
        return total;
    }

    internal static bool Stat(string path, out Libc.Stat st)
    {
        fixed (Libc.Stat* p = &st) return Libc.stat(path, p) == 0;
    }

    internal static bool Lstat(string path, out Libc.Stat st)
    {
        fixed (Libc.Stat* p = &st) return Libc.lstat(path, p) == 0;
    }

    internal static bool Fstat(int fd, out Libc.Stat st)
    {
        fixed (Libc.Stat* p = &st) return Libc.fstat(fd, p) == 0;
    }
}
