using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const short POSIX_SPAWN_SETPGROUP = 2, POSIX_SPAWN_SETSIGDEF = 4,
        POSIX_SPAWN_SETSIGMASK = 8, POSIX_SPAWN_SETSID = 128;

    /// <summary>posix_spawnattr_t (336 bytes on glibc x86_64).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 336)]
    internal struct SpawnAttr { private long _first; }

    /// <summary>posix_spawn_file_actions_t (80 bytes on glibc x86_64).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 80)]
    internal struct SpawnFileActions { private long _first; }

    // posix_spawn returns the error number instead of setting errno.
    [LibraryImport(Name)]
    internal static partial int posix_spawn(int* pid, byte* path, SpawnFileActions* actions,
        SpawnAttr* attr, byte** argv, byte** envp);

    [LibraryImport(Name)]
    internal static partial int posix_spawnp(int* pid, byte* file, SpawnFileActions* actions,
        SpawnAttr* attr, byte** argv, byte** envp);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_init(SpawnAttr* attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_destroy(SpawnAttr* attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setflags(SpawnAttr* attr, short flags);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigmask(SpawnAttr* attr, SigSet* mask);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigdefault(SpawnAttr* attr, SigSet* set);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setpgroup(SpawnAttr* attr, int pgroup);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_init(SpawnFileActions* fa);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_destroy(SpawnFileActions* fa);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_adddup2(SpawnFileActions* fa, int fd, int newfd);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_addclose(SpawnFileActions* fa, int fd);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_addopen(SpawnFileActions* fa, int fd,
        byte* path, int flags, int mode);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_addchdir_np(SpawnFileActions* fa, byte* path);
}
