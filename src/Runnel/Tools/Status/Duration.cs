namespace Runnel.Tools.Status;

/// <summary>
/// A duration for a table cell: two units at most, the second zero-padded,
/// truncated (never rounded up): 45s, 3m12s, 2h05m, 4d03h.
/// </summary>
internal static class Duration
{
    internal static string Human(long seconds)
    {
        if (seconds < 0) seconds = 0;
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m" + Two(seconds % 60) + "s";
        if (seconds < 86400) return seconds / 3600 + "h" + Two(seconds / 60 % 60) + "m";
        return seconds / 86400 + "d" + Two(seconds / 3600 % 24) + "h";
    }

    private static string Two(long v) => v < 10 ? "0" + v : v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
