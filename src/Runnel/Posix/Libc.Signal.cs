using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10,
        SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18,
        SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGWINCH = 28, SIGPWR = 30;
    internal const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    internal const int SFD_NONBLOCK = 0x800, SFD_CLOEXEC = 0x80000;

    /// <summary>glibc sigset_t: 1024 bits.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 128)]
    internal struct SigSet { private ulong _first; }

    /// <summary>struct signalfd_siginfo (128 bytes); only the fields used are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct SignalfdSiginfo
    {
        [FieldOffset(0)] public uint Signo;
        [FieldOffset(12)] public uint Pid;
        [FieldOffset(16)] public uint Uid;
    }

    [LibraryImport(Name)]
    internal static partial int sigemptyset(SigSet* set);

    [LibraryImport(Name)]
    internal static partial int sigfillset(SigSet* set);

    [LibraryImport(Name)]
    internal static partial int sigaddset(SigSet* set, int sig);

    [LibraryImport(Name)]
    internal static partial int pthread_sigmask(int how, SigSet* set, SigSet* old);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int signalfd(int fd, SigSet* mask, int flags);
}
