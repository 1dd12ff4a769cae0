using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    /// <summary>
    /// struct linux_dirent64: d_ino, d_off, d_reclen (offset 16), d_type (18), then the
    /// NUL-terminated name at <see cref="DirentNameOffset"/> (19), as struct dirent.
    /// </summary>
    internal const int DirentReclenOffset = 16, DirentTypeOffset = 18;
    internal const byte DT_UNKNOWN = 0, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

    /// <summary>Fills buf with directory entries of fd; bytes read, 0 at the end, -1 on error.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint getdents64(int fd, byte* buf, nuint count);
}
