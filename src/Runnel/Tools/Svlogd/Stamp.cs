using System;
using Runnel.Supervision;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// The line stamps of -t (TAI64N label), -tt (YYYY-MM-DD_HH:MM:SS.xxxxx) and
/// -ttt (YYYY-MM-DDTHH:MM:SS.xxxxx), UTC, each followed by a space: 26 bytes
/// as C writes them. The date part is recomputed only when the second changes.
/// </summary>
internal sealed class Stamp
{
    internal const int Length = 26;
    private readonly int _mode;
    private readonly byte[] _buf = new byte[Length];
    private long _second = long.MinValue;

    internal Stamp(int mode) { _mode = mode; }

    internal ReadOnlySpan<byte> Bytes => _buf;

    /// <summary>Formats <paramref name="t"/> (taia_now's µs*1000+500 nanoseconds) into <see cref="Bytes"/>.</summary>
    internal void Set(Tai64n t)
    {
        Span<byte> b = _buf;
        if (_mode == 1) t.FormatLabel(b);
        else
        {
            long sec = t.UnixSeconds;
            if (sec != _second)
            {
                FormatDate(sec, _mode == 2 ? (byte)'_' : (byte)'T', b);
                _second = sec;
            }
            Digits(t.Nanoseconds / 10_000, 5, b[20..]); // C prints 9 digits and keeps the first 5
        }
        b[25] = (byte)' ';
    }

    /// <summary>gmtime's YYYY-MM-DD?HH:MM:SS. (20 bytes) for unix seconds.</summary>
    internal static void FormatDate(long unix, byte sep, Span<byte> b)
    {
        long days = Math.DivRem(unix, 86400, out long rem);
        if (rem < 0) { rem += 86400; days--; }
        CivilFromDays(days, out long y, out int m, out int d);
        Digits((ulong)y, 4, b);
        b[4] = (byte)'-';
        Digits((ulong)m, 2, b[5..]);
        b[7] = (byte)'-';
        Digits((ulong)d, 2, b[8..]);
        b[10] = sep;
        Digits((ulong)(rem / 3600), 2, b[11..]);
        b[13] = (byte)':';
        Digits((ulong)(rem / 60 % 60), 2, b[14..]);
        b[16] = (byte)':';
        Digits((ulong)(rem % 60), 2, b[17..]);
        b[19] = (byte)'.';
    }

    /// <summary>Howard Hinnant's days-to-civil for the proleptic Gregorian calendar.</summary>
    private static void CivilFromDays(long z, out long y, out int m, out int d)
    {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        d = (int)(doy - (153 * mp + 2) / 5 + 1);
        m = (int)(mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) y++;
    }

    private static void Digits(ulong v, int n, Span<byte> b)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            b[i] = (byte)('0' + (int)(v % 10));
            v /= 10;
        }
    }
}
