using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static partial class Libc
{
    /// <summary>1 when <paramref name="fd"/> is a terminal, 0 (errno set) when not.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int isatty(int fd);
}
