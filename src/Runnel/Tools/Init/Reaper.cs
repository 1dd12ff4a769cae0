using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Init;

/// <summary>Collects dead children: PID 1 inherits every orphan and must reap them all.</summary>
internal static unsafe class Reaper
{
    /// <summary>
    /// Reaps every child that has exited; true (and its wait status) when
    /// <paramref name="pid"/> was one of them.
    /// </summary>
    internal static bool ReapAll(int pid, out int wstat)
    {
        wstat = 0;
        bool found = false;
        for (;;)
        {
            int w;
            int r = Libc.waitpid(-1, &w, Libc.WNOHANG);
            if (r > 0)
            {
                if (r == pid && pid > 0) { found = true; wstat = w; }
                continue;
            }
            if (r == 0 || Libc.Errno == Errors.ECHILD) return found;
            if (Libc.Errno == Errors.EINTR) continue;
            Strerr.WarnSys(Libc.Errno, RunitTool.Warning, "wait_nohang, pausing: ");
            RunitTool.Sleep(5000);
            return found;
        }
    }

    /// <summary>Blocks until <paramref name="pid"/> exits; -1 with errno on failure.</summary>
    internal static int WaitPid(int pid, out int wstat)
    {
        int w = 0, r;
        do r = Libc.waitpid(pid, &w, 0);
        while (r == -1 && Libc.Errno == Errors.EINTR);
        wstat = w;
        return r;
    }
}
