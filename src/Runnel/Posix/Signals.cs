using System;

namespace Runnel.Posix;

/// <summary>
/// Signal hygiene for event-loop tools: block the handled signals on every
/// runtime thread, then read them from a signalfd. A NativeAOT process has a
/// second thread when Main starts; if it kept the signals unblocked it could
/// take one with the default disposition and the loop would never see it.
/// </summary>
internal static unsafe class Signals
{
    private static Libc.SigSet s_blocked;

    /// <summary>Blocks <paramref name="signals"/> on this thread and on the runtime's finalizer thread.</summary>
    internal static void BlockEverywhere(ReadOnlySpan<int> signals)
    {
        Libc.SigSet set;
        Libc.sigemptyset(&set);
        foreach (int s in signals) Libc.sigaddset(&set, s);
        s_blocked = set;
        Libc.pthread_sigmask(Libc.SIG_BLOCK, &set, null);
        BlockOnFinalizerThread();
    }

    /// <summary>A signalfd reading the signals blocked by <see cref="BlockEverywhere"/>; -1 with errno set on failure.</summary>
    internal static int OpenSignalFd()
    {
        Libc.SigSet set = s_blocked;
        return Libc.signalfd(-1, &set, Libc.SFD_NONBLOCK | Libc.SFD_CLOEXEC);
    }

    /// <summary>Reads the next pending signal from a nonblocking signalfd; 0 when none is left.</summary>
    internal static int Read(int fd)
    {
        Libc.SignalfdSiginfo info;
        nint n = Libc.read(fd, (byte*)&info, sizeof(Libc.SignalfdSiginfo));
        return n == sizeof(Libc.SignalfdSiginfo) ? (int)info.Signo : 0;
    }

    private sealed class MaskSetter
    {
        ~MaskSetter()
        {
            Libc.SigSet set = s_blocked;
            Libc.pthread_sigmask(Libc.SIG_BLOCK, &set, null);
        }
    }

    private static void MakeMaskSetter() => _ = new MaskSetter();

    private static void BlockOnFinalizerThread()
    {
        MakeMaskSetter();
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
