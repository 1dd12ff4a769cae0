using System;
using System.Threading;

namespace Runnel.Tests.Infra;

/// <summary>Polls a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Wait
{
    public static void Until(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        long end = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > end) throw new TimeoutException($"timed out after {timeoutMs} ms waiting for {what}");
            Thread.Sleep(10);
        }
    }

    /// <summary>Waits for a value to satisfy <paramref name="ok"/> and returns it.</summary>
    public static T For<T>(Func<T> get, Func<T, bool> ok, string what, int timeoutMs = 10_000)
    {
        T v = get();
        long end = Environment.TickCount64 + timeoutMs;
        while (!ok(v))
        {
            if (Environment.TickCount64 > end) throw new TimeoutException($"timed out after {timeoutMs} ms waiting for {what}; last value: {v}");
            Thread.Sleep(10);
            v = get();
        }
        return v;
    }
}
