using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const uint SPLICE_F_NONBLOCK = 2;
    internal const int F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;

    /// <summary>Duplicates up to len bytes of pipe fdIn into pipe fdOut without consuming them.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint tee(int fdIn, int fdOut, nuint len, uint flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint splice(int fdIn, long* offIn, int fdOut, long* offOut, nuint len, uint flags);
}
