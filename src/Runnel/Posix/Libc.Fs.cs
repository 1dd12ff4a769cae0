using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rename(string oldpath, string newpath);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlink(string path);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rmdir(string path);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkdir(string path, int mode);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkfifo(string path, int mode);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chdir(string path);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fchdir(int fd);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int symlink(string target, string linkpath);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint readlink(string path, byte* buf, nint size);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chmod(string path, int mode);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fchmod(int fd, int mode);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int access(string path, int mode);

    internal const int X_OK = 1, W_OK = 2, R_OK = 4, F_OK = 0;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int umask(int mask);
}
