namespace Runnel.Posix;

internal static unsafe class Clock
{
    internal static Libc.Timespec Realtime()
    {
        Libc.Timespec ts;
        Libc.clock_gettime(Libc.CLOCK_REALTIME, &ts);
        return ts;
    }

    /// <summary>Monotonic milliseconds, for timeouts that must not jump with the wall clock.</summary>
    internal static long MonotonicMs()
    {
        Libc.Timespec ts;
        Libc.clock_gettime(Libc.CLOCK_MONOTONIC, &ts);
        return ts.Sec * 1000 + ts.Nsec / 1_000_000;
    }
}
