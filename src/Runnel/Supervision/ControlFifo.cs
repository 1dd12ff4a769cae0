using System;
using Runnel.Posix;

namespace Runnel.Supervision;

internal enum ControlResult { Sent, NotRunning, OpenFailed, WriteFailed }

/// <summary>
/// Writes command bytes to supervise/control. Opened write-only and
/// nonblocking as runit's sv does: ENXIO means no runsv reads the FIFO.
/// </summary>
internal static class ControlFifo
{
    internal static ControlResult Send(string dir, ReadOnlySpan<byte> commands, out int errno)
    {
        int fd = Fd.Open(ServiceStatus.Under(dir, "supervise/control"), Libc.O_WRONLY | Libc.O_NONBLOCK);
        if (fd == -1)
        {
            errno = Libc.Errno;
            return errno == Errors.ENXIO ? ControlResult.NotRunning : ControlResult.OpenFailed;
        }
        nint n = Fd.Write(fd, commands);
        errno = n < 0 ? Libc.Errno : 0;
        Fd.Close(fd);
        return n == commands.Length ? ControlResult.Sent : ControlResult.WriteFailed;
    }
}
