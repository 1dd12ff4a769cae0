using System;
using Runnel.Posix;

namespace Runnel.Supervision;

/// <summary>What reading a service's supervise/ the way runit's sv does found.</summary>
internal enum SuperviseRead
{
    /// <summary>runsv is running and the 20-byte status record was read.</summary>
    Ok,
    /// <summary>supervise/ok has no reader (ENXIO): no runsv for this directory.</summary>
    NotRunning,
    /// <summary>supervise/ok could not be opened (missing, access denied, ...).</summary>
    OkOpenFailed,
    StatusOpenFailed,
    StatusReadFailed,
    /// <summary>status was shorter than 20 bytes.</summary>
    BadFormat,
}

/// <summary>
/// Reads supervise/ of a service directory as every runit client does: runsv
/// keeps supervise/ok open for reading, so opening it write-only and
/// nonblocking fails with ENXIO exactly when no runsv is there; then the
/// 20-byte supervise/status record. Shared by sv and the status overview.
/// </summary>
internal static class ServiceStatus
{
    /// <summary>
    /// Checks supervise/ok and reads supervise/status of <paramref name="dir"/>
    /// ("" is the current directory) into <paramref name="record"/> (20 bytes).
    /// A short read leaves the rest of <paramref name="record"/> as it was.
    /// </summary>
    internal static SuperviseRead Read(string dir, Span<byte> record, out int errno)
    {
        if (!RunsvRunning(dir, out errno))
            return errno == Errors.ENXIO ? SuperviseRead.NotRunning : SuperviseRead.OkOpenFailed;
        int fd = Fd.Open(Under(dir, "supervise/status"), Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (fd == -1)
        {
            errno = Libc.Errno;
            return SuperviseRead.StatusOpenFailed;
        }
        nint n = Fd.Read(fd, record[..StatusRecord.Size]);
        errno = n < 0 ? Libc.Errno : 0;
        Fd.Close(fd);
        if (n == StatusRecord.Size) return SuperviseRead.Ok;
        return n < 0 ? SuperviseRead.StatusReadFailed : SuperviseRead.BadFormat;
    }

    /// <summary>True when a runsv holds supervise/ok open; false with the errno otherwise (ENXIO: no runsv).</summary>
    internal static bool RunsvRunning(string dir, out int errno)
    {
        int fd = Fd.Open(Under(dir, "supervise/ok"), Libc.O_WRONLY | Libc.O_NONBLOCK);
        if (fd == -1)
        {
            errno = Libc.Errno;
            return false;
        }
        Fd.Close(fd);
        errno = 0;
        return true;
    }

    /// <summary>
    /// sv's words for a read that failed: "unable to open supervise/ok" and so
    /// on, to be followed by the errno's text except for <see cref="SuperviseRead.BadFormat"/>,
    /// which says all; "" for Ok and NotRunning.
    /// </summary>
    internal static string Problem(SuperviseRead r) => r switch
    {
        SuperviseRead.OkOpenFailed => "unable to open supervise/ok",
        SuperviseRead.StatusOpenFailed => "unable to open supervise/status",
        SuperviseRead.StatusReadFailed => "unable to read supervise/status",
        SuperviseRead.BadFormat => "unable to read supervise/status: bad format",
        _ => "",
    };

    internal static string Under(string dir, string rel) =>
        dir.Length == 0 ? rel : dir.EndsWith('/') ? dir + rel : dir + "/" + rel;
}
