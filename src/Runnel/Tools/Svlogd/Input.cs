using System;
using Runnel.Posix;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// Standard input. When it is a pipe, data is peeked with tee(2) into a
/// private pipe and only consumed from stdin after the logs have it (see
/// <see cref="Commit"/>): an svlogd killed with SIGKILL leaves what it had not
/// written in the pipe for the next svlogd (at worst one chunk is logged twice,
/// never lost); an incomplete line stays in the pipe until its end arrives.
/// Otherwise plain reads.
/// </summary>
internal sealed unsafe class Input
{
    private const int PipeSize = 1 << 20;
    private int _peekR = -1, _peekW = -1, _null = -1;
    /// <summary>Bytes at the front of stdin that the caller already has (peeked, not consumed).</summary>
    private int _peeked;
    /// <summary>Of those, the incomplete line at the end of the caller's buffer.</summary>
    private int _held;

    /// <summary>
    /// The pipe holds nothing but the incomplete line the caller already has: polling stdin for
    /// input would return at once, so poll it only for hang-up and read again after a delay.
    /// </summary>
    internal bool Stalled { get; private set; }

    internal Input()
    {
        if (!Fd.Fstat(0, out Libc.Stat st) || !st.IsFifo) return;
        Libc.fcntl(0, Libc.F_SETPIPE_SZ, PipeSize); // fewer wakeups under load; best effort
        int cap = Libc.fcntl(0, Libc.F_GETPIPE_SZ, 0);
        if (!Fd.Pipe(out _peekR, out _peekW)) return;
        _null = Fd.Open("/dev/null", Libc.O_WRONLY);
        if (_null == -1 || Libc.fcntl(_peekW, Libc.F_SETPIPE_SZ, cap > 0 ? cap : PipeSize) == -1) Disable();
    }

    /// <summary>
    /// Appends new input to buf[have..]: the count, 0 at end of input, -1 with errno (EAGAIN:
    /// nothing new). The last <c>held</c> bytes of buf[..have] are still in the pipe; they are peeked
    /// again and land on themselves.
    /// </summary>
    internal nint Read(byte[] buf, int have)
    {
        if (_peekR == -1) return Fd.Read(0, buf.AsSpan(have));
        int start = have - _held;
        nint n = Libc.tee(0, _peekW, (nuint)(buf.Length - start), Libc.SPLICE_F_NONBLOCK);
        if (n == -1 && Libc.Errno == Errors.EINVAL && _held == 0) { Disable(); return Fd.Read(0, buf.AsSpan(have)); }
        if (n == 0) return Fd.Read(0, buf.AsSpan(have)); // empty pipe: end of input, or a writer racing us
        if (n < 0) return n;
        nint got = 0;
        while (got < n)
        {
            nint r = Fd.Read(_peekR, buf.AsSpan(start + (int)got, (int)(n - got)));
            if (r <= 0) break; // cannot happen: the bytes are in the private pipe
            got += r;
        }
        if (got <= _held)
        {
            // Only the incomplete line we hold: it stays in the pipe (consuming it would lose it
            // to a SIGKILL), so stdin stays readable: the caller waits with a back-off instead.
            Stalled = true;
            Libc.SetErrno(Errors.EAGAIN);
            return -1;
        }
        Stalled = false;
        _peeked = (int)got;
        return got - _held;
    }

    /// <summary>The logs have all input read so far but the last <paramref name="keep"/> bytes (an incomplete line): consume the rest.</summary>
    internal void Commit(int keep)
    {
        if (_peekR == -1) return;
        Consume(_peeked - keep);
        _held = _peeked = keep;
    }

    private void Consume(nint count)
    {
        while (count > 0)
        {
            nint n = Libc.splice(0, null, _null, null, (nuint)count, 0);
            if (n <= 0)
            {
                if (n < 0 && Libc.Errno == Errors.EINTR) continue;
                Discard(count);
                return;
            }
            count -= n;
        }
    }

    /// <summary>Fallback when splice fails: read and drop the already logged bytes.</summary>
    private static void Discard(nint count)
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            nint n = Fd.Read(0, scratch[..(int)Math.Min(count, scratch.Length)]);
            if (n <= 0 && !(n < 0 && Libc.Errno == Errors.EAGAIN)) break;
            if (n > 0) count -= n;
        }
    }

    private void Disable()
    {
        Fd.Close(_peekR); Fd.Close(_peekW); Fd.Close(_null);
        _peekR = _peekW = _null = -1;
    }
}
