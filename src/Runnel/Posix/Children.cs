namespace Runnel.Posix;

/// <summary>The reaping loop every supervising tool runs after SIGCHLD.</summary>
internal static unsafe class Children
{
    /// <summary>The next child that has exited, without blocking; false when none is left.</summary>
    internal static bool TryReap(out int pid, out int status)
    {
        int s = 0, p;
        do p = Libc.waitpid(-1, &s, Libc.WNOHANG);
        while (p == -1 && Libc.Errno == Errors.EINTR);
        pid = p;
        status = s;
        return p > 0;
    }
}
