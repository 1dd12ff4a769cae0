using System;
using System.Text;
using Runnel.Posix;

namespace Runnel.Common;

/// <summary>runit's buffer_1: output collected and written to an fd on Flush.</summary>
internal sealed class OutBuf
{
    private readonly int _fd;
    private byte[] _buf;
    private int _len;

    internal OutBuf(int fd, int capacity = 1024)
    {
        _fd = fd;
        _buf = new byte[capacity];
    }

    internal OutBuf Put(string s)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(s.Length));
        _len += Encoding.UTF8.GetBytes(s, _buf.AsSpan(_len));
        return this;
    }

    internal OutBuf Put(ReadOnlySpan<byte> s)
    {
        Reserve(s.Length);
        s.CopyTo(_buf.AsSpan(_len));
        _len += s.Length;
        return this;
    }

    internal OutBuf Put(char c)
    {
        Reserve(4);
        _len += Encoding.UTF8.GetBytes([c], _buf.AsSpan(_len));
        return this;
    }

    internal OutBuf Put(ulong n)
    {
        Reserve(20);
        n.TryFormat(_buf.AsSpan(_len), out int w);
        _len += w;
        return this;
    }

    internal OutBuf Put(long n)
    {
        Reserve(21);
        n.TryFormat(_buf.AsSpan(_len), out int w);
        _len += w;
        return this;
    }

    /// <summary>What is buffered and not yet written.</summary>
    internal ReadOnlySpan<byte> Peek() => _buf.AsSpan(0, _len);

    internal bool Flush()
    {
        bool ok = Fd.WriteAll(_fd, _buf.AsSpan(0, _len));
        _len = 0;
        return ok;
    }

    private void Reserve(int n)
    {
        if (_len + n > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + n));
    }
}
