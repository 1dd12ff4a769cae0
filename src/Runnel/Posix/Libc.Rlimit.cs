using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    // Linux generic values (checked against gcc in the tests).
    internal const int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3,
        RLIMIT_CORE = 4, RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7,
        RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9;
    internal const ulong RLIM_INFINITY = ulong.MaxValue;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Rlimit
    {
        public ulong Cur;
        public ulong Max;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getrlimit(int resource, Rlimit* rlim);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setrlimit(int resource, Rlimit* rlim);
}
