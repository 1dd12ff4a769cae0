using System;
using Runnel.Posix;

namespace Runnel.Tools.Svlogd;

/// <summary>The u/U config lines: each message from a fresh socket (a new source port each time, as runit 2.3.0).</summary>
internal static unsafe class Udp
{
    /// <summary>Sends <paramref name="msg"/>; -1 when no socket could be had, 0 when sending failed, 1 when sent.</summary>
    internal static int Send(uint addr, ushort port, ReadOnlySpan<byte> msg)
    {
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd == -1) return -1;
        var sa = new Libc.SockaddrIn { Family = Libc.AF_INET, Port = port, Addr = addr };
        nint n;
        fixed (byte* p = msg) n = Libc.sendto(fd, p, msg.Length, 0, &sa, sizeof(Libc.SockaddrIn));
        Libc.close(fd);
        return n == msg.Length ? 1 : 0;
    }
}
