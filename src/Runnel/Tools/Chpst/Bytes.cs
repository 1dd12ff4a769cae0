using System;
using Runnel.Common;
using System.Collections.Generic;
using System.Text;

namespace Runnel.Tools.Chpst;

/// <summary>Byte-string helpers: arguments, names and file contents stay raw bytes, as in C.</summary>
internal static class Bytes
{
    internal static byte[] Of(string s) => Encoding.UTF8.GetBytes(s);

    internal static byte[] Basename(byte[] path)
    {
        int i = Array.LastIndexOf(path, (byte)'/');
        return i < 0 ? path : path[(i + 1)..];
    }

    internal static bool Equal(byte[] a, string s)
    {
        if (a.Length != s.Length) return false;
        for (int i = 0; i < a.Length; i++) if (a[i] != s[i]) return false;
        return true;
    }

    /// <summary>True when all of <paramref name="s"/> is a decimal number (scan_ulong consumed it all).</summary>
    internal static bool ParseUlong(ReadOnlySpan<byte> s, out ulong value) => Scan.ULong(s, out value) == s.Length;

    internal static byte[] Decimal(ulong n) => Of(n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal static byte[] Concat(params ReadOnlySpan<byte[]> parts)
    {
        var l = new List<byte>();
        foreach (byte[] p in parts) l.AddRange(p);
        return l.ToArray();
    }
}
