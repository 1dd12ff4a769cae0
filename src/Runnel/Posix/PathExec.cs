using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Runnel.Posix;

/// <summary>
/// runit's pathexec: exec a program in this very process, searching $PATH
/// (default /bin:/usr/bin) like the C tools, with libc's environ plus the
/// changes queued by <see cref="Env"/>. Before exec the signal mask is emptied
/// and the runtime's SIGPIPE ignore undone; execve resets the runtime's handlers.
/// No managed-runtime state reaches the program (tests read its SigBlk, SigIgn,
/// SigCgt and fds).
/// </summary>
internal static unsafe class PathExec
{
    // pathexec_env's list: "name=value" adds (replacing), "name" alone removes.
    private static readonly List<byte[]> s_changes = new();

    /// <summary>Queues name=value, or the removal of name when <paramref name="value"/> is null.</summary>
    internal static void Env(byte[] name, byte[]? value)
    {
        byte[] e = new byte[name.Length + (value == null ? 0 : value.Length + 1)];
        name.CopyTo(e, 0);
        if (value != null)
        {
            e[name.Length] = (byte)'=';
            value.CopyTo(e.AsSpan(name.Length + 1));
        }
        s_changes.Add(e);
    }

    /// <summary>Execs <paramref name="file"/> with <paramref name="argv"/>; returns only on failure, errno set.</summary>
    internal static void Run(byte[] file, byte[][] argv)
    {
        byte** av = ToNative(argv);
        byte** envp = BuildEnv();
        bool direct = Array.IndexOf(file, (byte)'/') >= 0;
        List<nint> candidates = Candidates(file, direct);
        Libc.SigAction* saved = stackalloc Libc.SigAction[65];
        Libc.SigSet oldMask;
        ResetSignals(saved, &oldMask);
        int err = TryAll(candidates, direct, av, envp);
        RestoreSignals(saved, &oldMask);
        Libc.SetErrno(err);
    }

    private static int TryAll(List<nint> candidates, bool direct, byte** av, byte** envp)
    {
        int saved = 0;
        for (int i = 0; i < candidates.Count; i++)
        {
            Libc.execve((byte*)candidates[i], av, envp);
            int e = Libc.Errno;
            if (direct) return e;
            if (e != Errors.ENOENT)
            {
                saved = e;
                if (e != Errors.EACCES && e != Errors.EPERM && e != Errors.EISDIR) return e;
            }
            if (i == candidates.Count - 1) return saved != 0 ? saved : e;
        }
        return Errors.ENOENT;
    }

    /// <summary>The paths to try: the file itself when it has a slash, else each $PATH entry ("" = ".").</summary>
    private static List<nint> Candidates(byte[] file, bool direct)
    {
        var list = new List<nint>();
        if (direct)
        {
            list.Add((nint)ToNative(file));
            return list;
        }
        byte[] path = Get("PATH"u8) ?? "/bin:/usr/bin"u8.ToArray();
        int start = 0;
        while (true)
        {
            int split = Array.IndexOf(path, (byte)':', start);
            int end = split < 0 ? path.Length : split;
            var c = new List<byte>(end - start + file.Length + 2);
            if (end == start) c.Add((byte)'.');
            else c.AddRange(path.AsSpan(start, end - start).ToArray());
            c.Add((byte)'/');
            c.AddRange(file);
            list.Add((nint)ToNative(c.ToArray()));
            if (split < 0) break;
            start = split + 1;
        }
        return list;
    }

    /// <summary>env_get on libc's environ as we were started with it.</summary>
    internal static byte[]? Get(ReadOnlySpan<byte> name)
    {
        for (byte** e = Environ.Pointer; *e != null; e++)
        {
            var entry = new ReadOnlySpan<byte>(*e, (int)Strlen(*e));
            if (entry.Length > name.Length && entry[name.Length] == '=' && entry.StartsWith(name))
                return entry[(name.Length + 1)..].ToArray();
        }
        return null;
    }

    /// <summary>environ with the queued changes applied exactly as pathexec_env_run does (a removal moves the last entry into the gap).</summary>
    private static byte** BuildEnv()
    {
        var e = new List<nint>();
        for (byte** p = Environ.Pointer; *p != null; p++) e.Add((nint)(*p));
        foreach (byte[] change in s_changes)
        {
            int split = Array.IndexOf(change, (byte)'=');
            if (split < 0) split = change.Length;
            for (int t = 0; t < e.Count; t++)
            {
                byte* entry = (byte*)e[t];
                if (SameName(entry, change, split))
                {
                    e[t] = e[^1];
                    e.RemoveAt(e.Count - 1);
                    break;
                }
            }
            if (split < change.Length) e.Add((nint)ToNative(change));
        }
        byte** envp = (byte**)NativeMemory.Alloc((nuint)(e.Count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < e.Count; i++) envp[i] = (byte*)e[i];
        envp[e.Count] = null;
        return envp;
    }

    private static bool SameName(byte* entry, byte[] change, int split)
    {
        for (int i = 0; i < split; i++) if (entry[i] == 0 || entry[i] != change[i]) return false;
        return entry[split] == '=';
    }

    private static byte* ToNative(byte[] s)
    {
        byte* p = (byte*)NativeMemory.Alloc((nuint)s.Length + 1);
        s.CopyTo(new Span<byte>(p, s.Length));
        p[s.Length] = 0;
        return p;
    }

    private static byte** ToNative(byte[][] argv)
    {
        byte** av = (byte**)NativeMemory.Alloc((nuint)(argv.Length + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < argv.Length; i++) av[i] = ToNative(argv[i]);
        av[argv.Length] = null;
        return av;
    }

    internal static nuint Strlen(byte* s)
    {
        nuint n = 0;
        while (s[n] != 0) n++;
        return n;
    }

    /// <summary>
    /// Empty signal mask and default dispositions for the program. Every signal
    /// with a handler (the runtime's SIGSEGV, SIGFPE, its real-time signal) is reset
    /// to SIG_DFL by execve itself, so those handlers stay in place until the exec:
    /// removing them earlier would let a runtime signal in that window kill us.
    /// An inherited SIG_IGN (nohup, `cmd &amp;`) is kept, as C chpst keeps it, except
    /// SIGPIPE: the runtime ignores that one before our code runs, so its original
    /// state is unknown and the program gets the default.
    /// </summary>
    private static void ResetSignals(Libc.SigAction* saved, Libc.SigSet* oldMask)
    {
        Libc.SigAction dfl = default;
        for (int sig = 1; sig <= 64; sig++)
        {
            if (Libc.sigaction(sig, null, &saved[sig]) != 0) continue;
            if (saved[sig].Handler == Libc.SIG_IGN && sig == Libc.SIGPIPE) Libc.sigaction(sig, &dfl, null);
        }
        Libc.SigSet empty;
        Libc.sigemptyset(&empty);
        Libc.sigprocmask(Libc.SIG_SETMASK, &empty, oldMask);
    }

    private static void RestoreSignals(Libc.SigAction* saved, Libc.SigSet* oldMask)
    {
        Libc.sigprocmask(Libc.SIG_SETMASK, oldMask, null);
        Libc.sigaction(Libc.SIGPIPE, &saved[Libc.SIGPIPE], null);
    }
}
