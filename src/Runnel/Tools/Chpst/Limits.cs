using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>
/// The resource limits to set: -2 leaves one alone, -1 (softlimit's "=") raises
/// the soft limit to the hard one, n sets it (capped at the hard limit).
/// </summary>
internal sealed class Limits
{
    internal long Data = -2, Stack = -2, MemLock = -2, As = -2, NoFile = -2, NProc = -2,
        FSize = -2, Core = -2, Rss = -2, Cpu = -2;

    /// <summary>slimit: in C chpst's order.</summary>
    internal void Apply()
    {
        Set(Libc.RLIMIT_DATA, Data);
        Set(Libc.RLIMIT_STACK, Stack);
        Set(Libc.RLIMIT_MEMLOCK, MemLock);
        Set(Libc.RLIMIT_AS, As);
        Set(Libc.RLIMIT_NOFILE, NoFile);
        Set(Libc.RLIMIT_NPROC, NProc);
        Set(Libc.RLIMIT_FSIZE, FSize);
        Set(Libc.RLIMIT_CORE, Core);
        Set(Libc.RLIMIT_RSS, Rss);
        Set(Libc.RLIMIT_CPU, Cpu);
    }

    private static unsafe void Set(int what, long l)
    {
        if (l < -1) return;
        Libc.Rlimit r;
        if (Libc.getrlimit(what, &r) == -1) ProcState.Die("unable to getrlimit()");
        r.Cur = l < 0 || (ulong)l > r.Max ? r.Max : (ulong)l;
        if (Libc.setrlimit(what, &r) == -1) ProcState.Die("unable to setrlimit()");
    }
}
