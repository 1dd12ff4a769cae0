using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Runnel.Posix;

/// <summary>What a spawned child gets besides its argv.</summary>
internal struct SpawnOptions
{
    /// <summary>fds to put on 0, 1, 2; -1 leaves the parent's fd as it is.</summary>
    public int Stdin, Stdout, Stderr;
    /// <summary>Directory to run in (relative paths in argv resolve after it).</summary>
    public string? Chdir;
    /// <summary>New session (runsvdir -P, runsv's children).</summary>
    public bool Setsid;
    /// <summary>Process group to join (0 = a new one named after the child); -1 leaves it.</summary>
    public int Pgroup;
    /// <summary>Search PATH for argv[0] when it has no slash.</summary>
    public bool SearchPath;
    /// <summary>Start the child with fd 1 closed (runit's sv runs ./check so).</summary>
    public bool CloseStdout;
    /// <summary>Extra (from, to) pairs dup2'ed after 0/1/2 (svlogd's processor gets fds 4 and 5).
    /// Keep every "from" above the highest "to": dup2 runs in order.</summary>
    public (int From, int To)[]? ExtraFds;

    public static SpawnOptions Default => new() { Stdin = -1, Stdout = -1, Stderr = -1, Pgroup = -1 };
}

/// <summary>
/// posix_spawn with runit's child hygiene: empty signal mask, every signal at
/// its default disposition, only 0/1/2 inherited (everything else is O_CLOEXEC).
/// No fork from managed code: other runtime threads may hold locks.
/// </summary>
internal static unsafe class Spawner
{
    /// <summary>Starts <paramref name="argv"/>[0] (or <paramref name="path"/>); returns 0 and the pid, or an errno.</summary>
    internal static int Spawn(string path, ReadOnlySpan<string> argv, in SpawnOptions o, out int pid, byte** envp = null)
    {
        pid = 0;
        Libc.SpawnAttr attr;
        Libc.SpawnFileActions fa;
        Libc.posix_spawnattr_init(&attr);
        Libc.posix_spawn_file_actions_init(&fa);
        var strings = new NativeStrings(argv.Length + 2);
        try
        {
            Libc.SigSet empty, all;
            Libc.sigemptyset(&empty);
            Libc.sigfillset(&all);
            // glibc's sigfillset leaves out its internal signals 32 and 33; without them in the
            // SETSIGDEF set, posix_spawn's child sets them to SIG_IGN, which exec keeps.
            *(ulong*)&all |= 3UL << 31;
            short flags = Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF;
            if (o.Setsid) flags |= Libc.POSIX_SPAWN_SETSID;
            else if (o.Pgroup >= 0)
            {
                flags |= Libc.POSIX_SPAWN_SETPGROUP;
                Libc.posix_spawnattr_setpgroup(&attr, o.Pgroup);
            }
            Libc.posix_spawnattr_setflags(&attr, flags);
            Libc.posix_spawnattr_setsigmask(&attr, &empty);
            Libc.posix_spawnattr_setsigdefault(&attr, &all);

            if (o.Stdin >= 0) Libc.posix_spawn_file_actions_adddup2(&fa, o.Stdin, 0);
            if (o.Stdout >= 0) Libc.posix_spawn_file_actions_adddup2(&fa, o.Stdout, 1);
            if (o.Stderr >= 0) Libc.posix_spawn_file_actions_adddup2(&fa, o.Stderr, 2);
            if (o.CloseStdout) Libc.posix_spawn_file_actions_addclose(&fa, 1);
            if (o.ExtraFds != null)
                foreach (var (from, to) in o.ExtraFds) Libc.posix_spawn_file_actions_adddup2(&fa, from, to);
            if (o.Chdir != null) Libc.posix_spawn_file_actions_addchdir_np(&fa, strings.Add(o.Chdir));

            byte* file = strings.Add(path);
            byte** av = (byte**)NativeMemory.Alloc((nuint)(argv.Length + 1), (nuint)sizeof(byte*));
            try
            {
                for (int i = 0; i < argv.Length; i++) av[i] = strings.Add(argv[i]);
                av[argv.Length] = null;
                if (envp == null) envp = Environ.Pointer;
                int p;
                int rc = o.SearchPath
                    ? Libc.posix_spawnp(&p, file, &fa, &attr, av, envp)
                    : Libc.posix_spawn(&p, file, &fa, &attr, av, envp);
                if (rc == 0) pid = p;
                return rc;
            }
            finally { NativeMemory.Free(av); }
        }
        finally
        {
            strings.Free();
            Libc.posix_spawn_file_actions_destroy(&fa);
            Libc.posix_spawnattr_destroy(&attr);
        }
    }
}

/// <summary>NUL-terminated UTF-8 copies of managed strings, freed together.</summary>
internal unsafe struct NativeStrings
{
    private nint[] _items;
    private int _count;

    public NativeStrings(int capacity) { _items = new nint[capacity]; _count = 0; }

    public byte* Add(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        byte* p = (byte*)NativeMemory.Alloc((nuint)n + 1);
        fixed (char* c = s) Encoding.UTF8.GetBytes(c, s.Length, p, n);
        p[n] = 0;
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2 + 2);
        _items[_count++] = (nint)p;
        return p;
    }

    public void Free()
    {
        for (int i = 0; i < _count; i++) NativeMemory.Free((void*)_items[i]);
        _count = 0;
    }
}
