using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    /// <summary>Offset of d_name in glibc's struct dirent on x86_64 (checked against gcc in the tests).</summary>
    internal const int DirentNameOffset = 19;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint opendir(byte* path);

    /// <summary>Returns a struct dirent*, null at the end (errno unchanged) or on error.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial byte* readdir(nint dir);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int closedir(nint dir);
}
