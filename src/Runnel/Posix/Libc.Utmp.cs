using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    /// <summary>glibc's _PATH_UTMP and _PATH_WTMP (checked against gcc in the tests).</summary>
    internal const string PATH_UTMP = "/var/run/utmp", PATH_WTMP = "/var/log/wtmp";
    internal const short DEAD_PROCESS = 8;

    /// <summary>
    /// glibc's struct utmp on x86_64 (384 bytes; 32-bit ut_tv for file compatibility).
    /// Offsets are checked against gcc in the tests.
    /// </summary>
    internal static class Utmp
    {
        internal const int Size = 384;
        internal const int TypeOffset = 0;
        internal const int LineOffset = 8, LineSize = 32;
        internal const int UserOffset = 44, UserSize = 32;
        internal const int HostOffset = 76, HostSize = 256;
        internal const int TvSecOffset = 340;
    }
}
