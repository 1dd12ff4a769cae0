using System;
using System.Text;
using Runnel.Posix;

namespace Runnel.Common;

/// <summary>
/// runit's strerr: a message assembled from parts, written to fd 2 in one
/// write(2), optionally ending in runit's text for an errno. Never touches
/// System.Console (that would start the runtime's signal handling).
/// </summary>
internal static class Strerr
{
    internal static void Warn(params ReadOnlySpan<string?> parts) => Emit(parts, -1);

    internal static void WarnSys(int errno, params ReadOnlySpan<string?> parts) => Emit(parts, errno);

    internal static void Die(int code, params ReadOnlySpan<string?> parts)
    {
        Emit(parts, -1);
        Libc._exit(code);
    }

    internal static void DieSys(int code, int errno, params ReadOnlySpan<string?> parts)
    {
        Emit(parts, errno);
        Libc._exit(code);
    }

    /// <summary>Writes the parts without a newline added (for usage lines that carry their own).</summary>
    internal static void Raw(params ReadOnlySpan<string?> parts)
    {
        var b = new StringBuilder();
        foreach (string? p in parts) b.Append(p);
        WriteString(2, b.ToString());
    }

    private static void Emit(ReadOnlySpan<string?> parts, int errno)
    {
        var b = new StringBuilder(128);
        foreach (string? p in parts) b.Append(p);
        if (errno >= 0) b.Append(Errors.Str(errno));
        b.Append('\n');
        WriteString(2, b.ToString());
    }

    internal static void WriteString(int fd, string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        Span<byte> buf = n <= 1024 ? stackalloc byte[n] : new byte[n];
        Encoding.UTF8.GetBytes(s, buf);
        Fd.WriteAll(fd, buf);
    }
}
