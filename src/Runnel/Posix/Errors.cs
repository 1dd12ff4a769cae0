namespace Runnel.Posix;

/// <summary>
/// errno values and runit's own wording for them (runit's error_str.c), so
/// messages match the C tools byte for byte.
/// </summary>
internal static class Errors
{
    internal const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, E2BIG = 7,
        ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13,
        EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20,
        EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25, ETXTBSY = 26,
        EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31, EPIPE = 32,
        ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36, ENOLCK = 37, ENOSYS = 38, 
        ENOTEMPTY = 39, ELOOP = 40, EWOULDBLOCK = 11, EPROTO = 71, ENOTSOCK = 88,
        EADDRINUSE = 98, ECONNREFUSED = 111, ETIMEDOUT = 110, EINPROGRESS = 115,
        EALREADY = 114, EDQUOT = 122, ENXIO = 6, ENETUNREACH = 101, EHOSTUNREACH = 113,
        ECONNRESET = 104;

    /// <summary>runit's error_str(): its text for an errno.</summary>
    internal static string Str(int e) => e switch
    {
        0 => "no error",
        EINTR => "interrupted system call",
        ENOMEM => "out of memory",
        ENOENT => "file does not exist",
        ETXTBSY => "text busy",
        EIO => "input/output error",
        EEXIST => "file already exists",
        ETIMEDOUT => "timed out",
        EINPROGRESS => "operation in progress",
        EAGAIN => "temporary failure",
        EPIPE => "broken pipe",
        EPERM => "permission denied",
        EACCES => "access denied",
        ENXIO => "device not configured",
        EPROTO => "protocol error",
        EISDIR => "is a directory",
        ECONNREFUSED => "connection refused",
        ENOTDIR => "not a directory",
        ESRCH => "no such process",
        E2BIG => "argument list too long",
        ENOEXEC => "exec format error",
        EBADF => "file descriptor not open",
        ECHILD => "no child processes",
        EDEADLK => "operation would cause deadlock",
        EFAULT => "bad address",
        EBUSY => "device busy",
        EXDEV => "cross-device link",
        ENODEV => "device does not support operation",
        EINVAL => "invalid argument",
        ENFILE => "system cannot open more files",
        EMFILE => "process cannot open more files",
        ENOTTY => "not a tty",
        EFBIG => "file too big",
        ENOSPC => "out of disk space",
        ESPIPE => "unseekable descriptor",
        EROFS => "read-only file system",
        EMLINK => "too many links",
        ERANGE => "output out of range",
        ENAMETOOLONG => "file name too long",
        ENOTEMPTY => "directory not empty",
        ELOOP => "symbolic link loop",
        ENOLCK => "no locks available",
        ENOSYS => "system call not available",
        EALREADY => "operation already in progress",
        ENOTSOCK => "not a socket",
        EADDRINUSE => "address already used",
        ENETUNREACH => "network unreachable",
        EHOSTUNREACH => "host unreachable",
        ECONNRESET => "connection reset",
        EDQUOT => "disk quota exceeded",
        _ => "unknown error",
    };
}
