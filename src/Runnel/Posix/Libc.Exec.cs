using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const nint SIG_DFL = 0, SIG_IGN = 1;

    /// <summary>glibc's struct sigaction on x86_64 (152 bytes; checked against gcc in the tests).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 152)]
    internal struct SigAction
    {
        [FieldOffset(0)] public nint Handler;
        [FieldOffset(8)] public SigSet Mask;
        [FieldOffset(136)] public int Flags;
        [FieldOffset(144)] public nint Restorer;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int sigaction(int sig, SigAction* act, SigAction* old);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int sigprocmask(int how, SigSet* set, SigSet* old);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int chroot(byte* path);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int chdir(byte* path);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int nice(int inc);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int open(byte* path, int flags, int mode);
}
