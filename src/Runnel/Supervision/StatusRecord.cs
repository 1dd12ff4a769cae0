using System;
using System.Buffers.Binary;

namespace Runnel.Supervision;

/// <summary>runsv's service states (the last byte of the status record).</summary>
internal enum ServiceState : byte { Down = 0, Run = 1, Finish = 2 }

/// <summary>
/// The 20-byte supervise/status record every runit client reads:
/// TAI64N start (12 bytes, big-endian), pid (4 bytes, little-endian),
/// paused flag, want ('u' or 'd'), got-TERM flag, state.
/// </summary>
internal readonly record struct StatusRecord(
    Tai64n Start, int Pid, bool Paused, char Want, bool GotTerm, ServiceState State)
{
    internal const int Size = 20;

    internal void Encode(Span<byte> dest)
    {
        Start.Pack(dest);
        BinaryPrimitives.WriteInt32LittleEndian(dest[12..], Pid);
        dest[16] = (byte)(Paused ? 1 : 0);
        dest[17] = (byte)Want;
        dest[18] = (byte)(GotTerm ? 1 : 0);
        dest[19] = (byte)State;
    }

    internal static StatusRecord Decode(ReadOnlySpan<byte> src)
    {
        if (src.Length < Size) throw new ArgumentException("status record is 20 bytes", nameof(src));
        return new StatusRecord(
            Tai64n.Unpack(src),
            BinaryPrimitives.ReadInt32LittleEndian(src[12..]),
            src[16] != 0,
            (char)src[17],
            src[18] != 0,
            (ServiceState)src[19]);
    }
}
