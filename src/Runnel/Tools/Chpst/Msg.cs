using System;
using System.Collections.Generic;
using System.Text;
using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>
/// runit's strerr for byte strings: parts (string or byte[]) written to an fd in
/// one write, optionally followed by runit's text for errno.
/// </summary>
internal static class Msg
{
    internal static void Out(int fd, params ReadOnlySpan<object> parts) => Fd.WriteAll(fd, Build(parts, -1, false));

    internal static void Warn(params ReadOnlySpan<object> parts) => Fd.WriteAll(2, Build(parts, -1, true));

    internal static void WarnSys(int errno, params ReadOnlySpan<object> parts) => Fd.WriteAll(2, Build(parts, errno, true));

    internal static void Die(int code, params ReadOnlySpan<object> parts)
    {
        Fd.WriteAll(2, Build(parts, -1, true));
        Libc._exit(code);
    }

    internal static void DieSys(int code, int errno, params ReadOnlySpan<object> parts)
    {
        Fd.WriteAll(2, Build(parts, errno, true));
        Libc._exit(code);
    }

    private static byte[] Build(ReadOnlySpan<object> parts, int errno, bool newline)
    {
        var b = new List<byte>(128);
        foreach (object p in parts)
        {
            if (p is byte[] bytes) b.AddRange(bytes);
            else if (p is string s) b.AddRange(Encoding.UTF8.GetBytes(s));
        }
        if (errno >= 0) b.AddRange(Encoding.UTF8.GetBytes(Errors.Str(errno)));
        if (newline) b.Add((byte)'\n');
        return b.ToArray();
    }
}
