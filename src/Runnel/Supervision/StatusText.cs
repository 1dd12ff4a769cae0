using System;
using System.Buffers.Binary;
using Runnel.Common;

namespace Runnel.Supervision;

/// <summary>
/// The text runit's sv prints for a status record, byte for byte:
/// <c>run: NAME: (pid 123) 45s, normally down, paused, want down, got TERM</c>.
/// Works on the raw 20 bytes so a damaged record prints as the C tool prints it.
/// </summary>
internal static class StatusText
{
    /// <summary>
    /// Appends the line (without newline) for <paramref name="rec"/>, given
    /// whether the service is normally up (no ./down file) and the current
    /// TAI64 seconds. Returns 1 when the record has a pid, 2 when not.
    /// </summary>
    internal static int Append(OutBuf o, ReadOnlySpan<byte> rec, string name, bool normallyUp, ulong nowTai)
    {
        // sv assembles the pid into a C int: the top byte may make it negative,
        // and it is then printed as an unsigned long.
        int pid = BinaryPrimitives.ReadInt32LittleEndian(rec[12..]);
        ulong stamp = BinaryPrimitives.ReadUInt64BigEndian(rec);
        byte state = rec[19];
        switch (state)
        {
            case 0: o.Put("down: "); break;
            case 1: o.Put("run: "); break;
            case 2: o.Put("finish: "); break;
        }
        o.Put(name).Put(": ");
        if (state != 0) o.Put("(pid ").Put((ulong)(long)pid).Put(") ");
        o.Put(nowTai < stamp ? 0UL : nowTai - stamp).Put("s");
        bool hasPid = pid != 0;
        if (hasPid && !normallyUp) o.Put(", normally down");
        if (!hasPid && normallyUp) o.Put(", normally up");
        if (hasPid && rec[16] != 0) o.Put(", paused");
        if (!hasPid && rec[17] == 'u') o.Put(", want up");
        if (hasPid && rec[17] == 'd') o.Put(", want down");
        if (hasPid && rec[18] != 0) o.Put(", got TERM");
        return hasPid ? 1 : 2;
    }
}
