using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const int WNOHANG = 1;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    [LibraryImport(Name)]
    internal static partial int getpid();

    [LibraryImport(Name)]
    internal static partial int getppid();

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setsid();

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setpgid(int pid, int pgid);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int execvp(byte* file, byte** argv);

    // Wait status decoding, as <sys/wait.h> defines it on Linux.
    internal static bool WIFEXITED(int s) => (s & 0x7f) == 0;
    internal static int WEXITSTATUS(int s) => (s >> 8) & 0xff;
    internal static bool WIFSIGNALED(int s) => ((s & 0x7f) + 1) >> 1 > 0 && (s & 0x7f) != 0x7f;
    internal static int WTERMSIG(int s) => s & 0x7f;
}
