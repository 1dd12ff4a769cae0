using System;
using System.Numerics;

namespace Runnel.Common;

/// <summary>runit's scan_ulong, shared by every tool that parses numbers the C way.</summary>
internal static class Scan
{
    /// <summary>The leading decimal digits of <paramref name="s"/>; returns how many were read (0: value 0). Wraps like C's unsigned long.</summary>
    internal static int ULong(ReadOnlySpan<byte> s, out ulong value) => Digits(s, out value);

    /// <inheritdoc cref="ULong(ReadOnlySpan{byte}, out ulong)"/>
    internal static int ULong(ReadOnlySpan<char> s, out ulong value) => Digits(s, out value);

    private static int Digits<T>(ReadOnlySpan<T> s, out ulong value) where T : unmanaged, IBinaryInteger<T>
    {
        ulong r = 0;
        int i = 0;
        for (; i < s.Length; i++)
        {
            uint d = uint.CreateTruncating(s[i]) - '0';
            if (d >= 10) break;
            r = unchecked(r * 10 + d);
        }
        value = r;
        return i;
    }
}
