using System.Runtime.InteropServices;

namespace Runnel.Posix;

/// <summary>Directory-relative calls (*at) and directory reading.</summary>
internal static unsafe partial class Libc
{
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;

    /// <summary>Offset of d_name in glibc's x86_64 struct dirent (d_ino 8, d_off 8, d_reclen 2, d_type 1; checked against gcc in the tests).</summary>
    internal const int DirentNameOffset = 19;

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int renameat(int olddirfd, string oldpath, int newdirfd, string newpath);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlinkat(int dirfd, string path, int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int fchmodat(int dirfd, string path, int mode, int flags);

    [LibraryImport(Name, EntryPoint = "fstatat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int fstatat(int dirfd, string path, Stat* buf, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint opendir(byte* path);

    /// <summary>Opens a directory stream on a dup of a directory fd; null with errno set.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint fdopendir(int fd);

    /// <summary>struct dirent*; null at the end (errno unchanged) or on error (errno set).</summary>
    [LibraryImport(Name, EntryPoint = "readdir", SetLastError = true)]
    internal static partial byte* readdir(nint dir);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int closedir(nint dir);
}
