using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Init;

/// <summary>After stage 3: kill everything left, sync, and reboot or halt.</summary>
internal static unsafe class Final
{
    internal static void HaltOrReboot(int sigfd)
    {
        ConsoleFd.RegetStderr();
        Strerr.Warn(RunitTool.Info, "sending KILL signal to all processes...");
        Libc.kill(-1, Libc.SIGKILL);
        // runit does this in a forked child; runnel cannot fork from managed code and
        // calls reboot(2) itself: if it fails PID 1 still never exits (below).
        if (InitPaths.RebootRequested())
        {
            Strerr.Warn(RunitTool.Info, "system reboot.");
            Sync();
            Libc.reboot(Libc.RB_AUTOBOOT);
        }
        else
        {
            Strerr.Warn(RunitTool.Info, "power off...");
            Sync();
            Libc.reboot(Libc.RB_POWER_OFF);
            RunitTool.Sleep(2000);
            Strerr.Warn(RunitTool.Info, "system halt.");
            Sync();
            Libc.reboot(Libc.RB_HALT_SYSTEM);
        }
        // Process 1 must never exit: keep reaping until the kernel is done.
        Libc.PollFd p = new() { Fd = sigfd, Events = Libc.POLLIN };
        for (;;)
        {
            Libc.poll(&p, 1, -1);
            while (Signals.Read(sigfd) != 0) { }
            Reaper.ReapAll(0, out _);
        }
    }

    /// <summary>sync(2) unless /etc/runit/nosync exists (runit 2.2.0, for vservers).</summary>
    private static void Sync()
    {
        if (!Fd.Stat(InitPaths.NoSync, out _)) Libc.sync();
    }
}
