using System;
using Runnel.Posix;

namespace Runnel.Supervision;

/// <summary>
/// Waits for runsv to change something in one or more supervise/ directories
/// (inotify), so a client waiting for a state wakes when the state changes
/// instead of polling. Filters out what clients themselves cause (writing
/// control, opening ok, reading status) so their own checks do not wake them.
/// Without inotify (or a directory that cannot be watched) the caller polls.
/// </summary>
internal sealed unsafe class SuperviseWatch : IDisposable
{
    private const uint Mask = Libc.IN_MODIFY | Libc.IN_CLOSE_WRITE | Libc.IN_CLOSE_NOWRITE |
        Libc.IN_MOVED_TO | Libc.IN_CREATE | Libc.IN_DELETE | Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF;

    private int _fd;

    internal SuperviseWatch()
    {
        _fd = Libc.inotify_init1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC);
    }

    /// <summary>False when inotify is unavailable: callers must poll.</summary>
    internal bool Active => _fd >= 0;

    /// <summary>
    /// Watches <paramref name="superviseDir"/> (following a symlink, as
    /// supervise often is one). Adding the same directory again is cheap and
    /// picks up a directory that was replaced. False when it cannot be watched.
    /// </summary>
    internal bool Add(string superviseDir) =>
        _fd >= 0 && Libc.inotify_add_watch(_fd, superviseDir, Mask | Libc.IN_ONLYDIR) >= 0;

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a change runsv made; true when one came.</summary>
    internal bool Wait(int timeoutMs)
    {
        long end = Clock.MonotonicMs() + timeoutMs;
        while (true)
        {
            int left = (int)Math.Max(0, end - Clock.MonotonicMs());
            if (_fd < 0) { Sleep(left); return false; }
            Libc.PollFd p = new() { Fd = _fd, Events = Libc.POLLIN };
            int r = Libc.poll(&p, 1, left);
            if (r < 0 && Libc.Errno != Errors.EINTR) { Sleep(left); return false; }
            if (r > 0 && DrainRelevant()) return true;
            if (r == 0 || Clock.MonotonicMs() >= end) return false;
        }
    }

    /// <summary>Reads every queued event; true when any of them is runsv's doing.</summary>
    private bool DrainRelevant()
    {
        bool relevant = false;
        Span<byte> buf = stackalloc byte[4096];
        while (true)
        {
            nint n = Fd.Read(_fd, buf);
            if (n <= 0) return relevant;
            int off = 0;
            while (off + sizeof(Libc.InotifyEvent) <= n)
            {
                Libc.InotifyEvent ev;
                fixed (byte* b = buf) ev = *(Libc.InotifyEvent*)(b + off);
                ReadOnlySpan<byte> name = buf.Slice(off + sizeof(Libc.InotifyEvent), (int)ev.Len);
                int nul = name.IndexOf((byte)0);
                if (nul >= 0) name = name[..nul];
                if (IsRelevant(ev.Mask, name)) relevant = true;
                off += sizeof(Libc.InotifyEvent) + (int)ev.Len;
            }
        }
    }

    /// <summary>
    /// runsv's doings: status/stat/pid renamed into place or rewritten, its
    /// read ends of ok and control closed (it exited), its lock released,
    /// files created or removed, the directory itself replaced. Not: control
    /// written or ok opened by a client, status read by a client.
    /// </summary>
    internal static bool IsRelevant(uint mask, ReadOnlySpan<byte> name)
    {
        if ((mask & (Libc.IN_MOVED_TO | Libc.IN_CREATE | Libc.IN_DELETE | Libc.IN_DELETE_SELF |
                     Libc.IN_MOVE_SELF | Libc.IN_IGNORED | Libc.IN_Q_OVERFLOW)) != 0) return true;
        bool isOk = name.SequenceEqual("ok"u8), isControl = name.SequenceEqual("control"u8);
        if ((mask & Libc.IN_CLOSE_NOWRITE) != 0 && (isOk || isControl)) return true;
        if ((mask & (Libc.IN_CLOSE_WRITE | Libc.IN_MODIFY)) != 0 && !isOk && !isControl) return true;
        return false;
    }

    private static void Sleep(int ms)
    {
        if (ms > 0) Libc.poll(null, 0, ms);
    }

    public void Dispose()
    {
        Fd.Close(_fd);
        _fd = -1;
    }
}
