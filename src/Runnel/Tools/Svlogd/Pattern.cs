using System;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// svlogd's pattern matching (not a glob, not a regex): `*` before the end
/// matches up to the first occurrence of the next pattern character, `*` at
/// the end matches anything, `+c` matches one or more c, anything else itself.
/// </summary>
internal static class Pattern
{
    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="s"/>.</summary>
    /// <remarks>
    /// Where C reads one byte past the message (a `+` at its end), this reads a
    /// NUL, which is what C sees in its zero-initialised line buffer; a pattern
    /// read past its own end counts as ended.
    /// </remarks>
    internal static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> s)
    {
        int p = 0;
        int i = 0;
        while (true)
        {
            byte c = At(pattern, p++);
            if (c == 0) return i == s.Length;
            switch (c)
            {
                case (byte)'*':
                    c = At(pattern, p);
                    if (c == 0) return true;
                    int k = s[i..].IndexOf(c);
                    if (k < 0) return false;
                    i += k;
                    continue;
                case (byte)'+':
                    c = At(pattern, p++);
                    if (c != At(s, i)) return false;
                    while (true)
                    {
                        if (i == s.Length) return true;
                        if (s[i] != c) break;
                        i++;
                    }
                    continue;
                default:
                    if (i == s.Length || s[i] != c) return false;
                    i++;
                    continue;
            }
        }
    }

    private static byte At(ReadOnlySpan<byte> s, int i) => i < s.Length ? s[i] : (byte)0;
}
