using System;
using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// Writing: lines are collected in a large buffer and written when it fills
/// or before svlogd waits for input (C writes every line on its own). Sizes
/// are counted as bytes are appended, so current is rotated at exactly the
/// byte positions C rotates at: when it reaches the size limit, and at the end
/// of a line once it is within linemax bytes of the limit.
/// </summary>
internal sealed partial class LogDir
{
    private readonly byte[] _buf;
    private int _len;
    /// <summary>Bytes written to current since writeback was last started.</summary>
    private int _unsynced;
    /// <summary>
    /// Start writeback every this many bytes, so the fsync at rotation finds
    /// little left to write instead of stalling on the whole file.
    /// </summary>
    private const int WritebackEvery = 256 * 1024;

    /// <summary>Appends part of a line (no newline), rotating where the size limit falls.</summary>
    internal void Append(ReadOnlySpan<byte> data)
    {
        ulong max = Config.SizeMax;
        while (!data.IsEmpty)
        {
            int n = data.Length;
            if (max != 0)
            {
                if (Size >= max) Rotate();
                if (Size < max && (ulong)n > max - Size) n = (int)(max - Size);
            }
            Put(data[..n]);
            Size += (ulong)n;
            data = data[n..];
        }
    }

    /// <summary>Ends a line: the newline, then rotation if current is within linemax of the limit.</summary>
    internal void EndLine()
    {
        Append("\n"u8);
        ulong max = Config.SizeMax;
        if (max != 0 && Size >= unchecked(max - (ulong)_opt.LineMax)) Rotate();
    }

    private void Put(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_len == _buf.Length) Flush();
            int n = Math.Min(data.Length, _buf.Length - _len);
            data[..n].CopyTo(_buf.AsSpan(_len));
            _len += n;
            data = data[n..];
        }
    }

    /// <summary>Writes the buffer to current; on errors pauses, warns, retries: nothing is dropped.</summary>
    internal void Flush()
    {
        int off = 0;
        var pause = new Pauser();
        while (off < _len)
        {
            nint n = Fd.Write(_curFd, _buf.AsSpan(off, _len - off));
            if (n >= 0) { off += (int)n; _unsynced += (int)n; pause = new Pauser(); continue; }
            int e = Libc.Errno;
            if (e == Errors.EAGAIN) { WaitWritable(); continue; }
            if (e == Errors.ENOSPC && Config.NMin < Config.NMax && DeleteOldestForSpace()) continue;
            pause.Pause(e, "unable to write to current", Name);
        }
        _len = 0;
        if (_unsynced >= WritebackEvery)
        {
            // Only a hint: errors surface at the fsync of the rotation.
            Libc.sync_file_range(_curFd, 0, 0, Libc.SYNC_FILE_RANGE_WRITE);
            _unsynced = 0;
        }
    }

    /// <summary>fsync current (retried until it succeeds); nothing of it is left unwritten.</summary>
    private void SyncCurrent()
    {
        Retry(() => Libc.fsync(_curFd) == 0, "unable to fsync current logfile");
        _unsynced = 0;
    }

    private unsafe void WaitWritable()
    {
        Libc.PollFd p = new() { Fd = _curFd, Events = Libc.POLLOUT };
        Libc.poll(&p, 1, 100);
    }

    /// <summary>Disk full with N below n: delete the oldest old log file while more than N are left.</summary>
    private bool DeleteOldestForSpace()
    {
        var (count, oldest) = ScanOld(deleteLeftovers: false);
        if ((ulong)count <= Config.NMin || oldest == null) return false;
        Strerr.Warn(Msg.Warning, "out of disk space, delete: ", Name, "/", oldest);
        if (Libc.unlinkat(DirFd, oldest, 0) == 0) return true;
        Msg.Warn2(Libc.Errno, "unable to unlink oldest logfile", Name);
        return false;
    }

    /// <summary>C's `while (op() == -1) pause2(what, name)`, with a shorter retry.</summary>
    private void Retry(Func<bool> op, string what)
    {
        var pause = new Pauser();
        while (!op()) pause.Pause(Libc.Errno, what, Name);
    }
}

/// <summary>
/// Waits between retries of a failing operation: 10 ms at first, doubling up
/// to 500 ms (C sleeps 3 s each time); the warning is repeated at most every 3 s.
/// </summary>
internal struct Pauser
{
    private int _delayMs;
    private long _lastWarnMs;

    internal unsafe void Pause(int errno, string what, string name)
    {
        long now = Clock.MonotonicMs();
        if (_delayMs == 0 || now - _lastWarnMs >= 3000)
        {
            Strerr.WarnSys(errno, Msg.Pausing, what, ": ", name, ": ");
            _lastWarnMs = now;
        }
        _delayMs = _delayMs == 0 ? 10 : Math.Min(_delayMs * 2, 500);
        Libc.poll(null, 0, _delayMs);
    }
}
