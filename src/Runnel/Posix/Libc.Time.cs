using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Sec;
        public long Nsec;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int clock_gettime(int clock, Timespec* ts);
}
