using System;

namespace Runnel.Common;

/// <summary>runit's scan_ulong, shared by every tool that parses numbers the C way.</summary>
internal static class Scan
{
    /// <summary>The leading decimal digits of <paramref name="s"/>; returns how many were read (0: value 0). Wraps like C's unsigned long.</summary>
    internal static int ULong(ReadOnlySpan<byte> s, out ulong value)
    {
        ulong r = 0;
        int i = 0;
        while (i < s.Length && (uint)(s[i] - '0') < 10)
        {
            r = unchecked(r * 10 + (ulong)(s[i] - '0'));
            i++;
        }
        value = r;
        return i;
    }

    /// <inheritdoc cref="ULong(ReadOnlySpan{byte}, out ulong)"/>
    internal static int ULong(ReadOnlySpan<char> s, out ulong value)
    {
        ulong r = 0;
        int i = 0;
        while (i < s.Length && (uint)(s[i] - '0') < 10)
        {
            r = unchecked(r * 10 + (ulong)(s[i] - '0'));
            i++;
        }
        value = r;
        return i;
    }
}
