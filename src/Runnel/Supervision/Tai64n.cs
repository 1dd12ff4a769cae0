using System;
using System.Buffers.Binary;
using Runnel.Posix;

namespace Runnel.Supervision;

/// <summary>
/// A TAI64N moment as runit keeps it: seconds are 2^62 + 10 + unix seconds
/// (runit's tai_unix adds the 10 s TAI-UTC offset of 1970), nanoseconds are
/// microseconds * 1000 + 500 (taia_now rounds to the middle of the µs).
/// </summary>
internal readonly record struct Tai64n(ulong Seconds, uint Nanoseconds)
{
    internal const ulong Epoch = 4611686018427387914UL; // 2^62 + 10

    internal static Tai64n Now()
    {
        Libc.Timespec ts = Clock.Realtime();
        return FromUnix(ts.Sec, (uint)(ts.Nsec / 1000 * 1000 + 500));
    }

    internal static Tai64n FromUnix(long unixSeconds, uint nanoseconds) =>
        new(Epoch + (ulong)unixSeconds, nanoseconds);

    internal long UnixSeconds => (long)(Seconds - Epoch);

    /// <summary>taia_pack without the attoseconds: 8 bytes seconds, 4 bytes nanoseconds, big-endian.</summary>
    internal void Pack(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt64BigEndian(dest, Seconds);
        BinaryPrimitives.WriteUInt32BigEndian(dest[8..], Nanoseconds);
    }

    internal static Tai64n Unpack(ReadOnlySpan<byte> src) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(src), BinaryPrimitives.ReadUInt32BigEndian(src[8..]));

    /// <summary>The 25-character external label svlogd writes: '@' and 24 lowercase hex digits.</summary>
    internal int FormatLabel(Span<byte> dest)
    {
        dest[0] = (byte)'@';
        Hex(Seconds, 16, dest[1..]);
        Hex(Nanoseconds, 8, dest[17..]);
        return 25;
    }

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[25];
        FormatLabel(b);
        return System.Text.Encoding.ASCII.GetString(b);
    }

    private static void Hex(ulong v, int digits, Span<byte> dest)
    {
        for (int i = digits - 1; i >= 0; i--)
        {
            dest[i] = (byte)"0123456789abcdef"[(int)(v & 15)];
            v >>= 4;
        }
    }
}
