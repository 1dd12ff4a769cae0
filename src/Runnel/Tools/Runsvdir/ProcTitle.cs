using System;
using System.Runtime.InteropServices;
using System.Text;
using Runnel.Posix;

namespace Runnel.Tools.Runsvdir;

/// <summary>
/// runsvdir's readproctitle log: one of our own argv strings, rewritten in
/// place so `ps` shows the latest messages. As in runit, the first five bytes
/// stay and the rest is a window that scrolls left as bytes come in.
/// The argv strings live in our own memory between /proc/self/stat's
/// arg_start and arg_end; without /proc, glibc's program_invocation_name
/// points at argv[0], which is the same address.
/// </summary>
internal sealed unsafe class ProcTitle
{
    /// <summary>Bytes at the start of the log argument that never scroll (runit keeps 5).</summary>
    internal const int Fixed = 5;

    private readonly byte* _p;
    private readonly int _len;

    private ProcTitle(byte* p, int len)
    {
        _p = p;
        _len = len;
    }

    internal int Length => _len;

    /// <summary>A copy of the current log text.</summary>
    internal byte[] Snapshot() => new ReadOnlySpan<byte>(_p, _len).ToArray();

    /// <summary>The title over argv[<paramref name="index"/>], which must read <paramref name="expected"/>; null if not found.</summary>
    internal static ProcTitle? Locate(int index, string expected)
    {
        byte* p = ArgStart();
        if (p == null) return null;
        for (int i = 0; i < index; i++) p += Strlen(p) + 1;
        int len = Strlen(p);
        byte[] want = Encoding.UTF8.GetBytes(expected);
        if (!new ReadOnlySpan<byte>(p, len).SequenceEqual(want)) return null;
        return new ProcTitle(p, len);
    }

    /// <summary>Scrolls <paramref name="data"/> in, skipping NUL bytes as runit does.</summary>
    internal void Put(ReadOnlySpan<byte> data)
    {
        if (_len > Fixed) PutInto(new Span<byte>(_p + Fixed, _len - Fixed), data);
    }

    /// <summary>The scrolling part of <see cref="Put"/> on any window.</summary>
    internal static void PutInto(Span<byte> window, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int nul = data.IndexOf((byte)0);
            ReadOnlySpan<byte> run = nul < 0 ? data : data[..nul];
            data = nul < 0 ? default : data[(nul + 1)..];
            if (!run.IsEmpty) Scroll(window, run);
        }
    }

    /// <summary>The window after runit's byte-by-byte shift of every byte of <paramref name="run"/>.</summary>
    internal static void Scroll(Span<byte> window, ReadOnlySpan<byte> run)
    {
        if (run.Length >= window.Length)
        {
            run[^window.Length..].CopyTo(window);
            return;
        }
        window[run.Length..].CopyTo(window);
        run.CopyTo(window[^run.Length..]);
    }

    private static byte* ArgStart()
    {
        Span<byte> buf = stackalloc byte[2048];
        int n = Fd.ReadFile("/proc/self/stat", buf);
        if (n > 0 && ParseArgStart(buf[..n], out ulong start) && start != 0) return (byte*)start;
        return InvocationName();
    }

    /// <summary>Field 48 (arg_start) of a /proc/PID/stat line.</summary>
    internal static bool ParseArgStart(ReadOnlySpan<byte> stat, out ulong start)
    {
        start = 0;
        int close = stat.LastIndexOf((byte)')');
        if (close < 0) return false;
        ReadOnlySpan<byte> rest = stat[(close + 1)..];
        int field = 2;
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart((byte)' ');
            int sp = rest.IndexOfAny((byte)' ', (byte)'\n');
            ReadOnlySpan<byte> tok = sp < 0 ? rest : rest[..sp];
            rest = sp < 0 ? default : rest[sp..];
            if (tok.IsEmpty) break;
            if (++field == 48) return ulong.TryParse(tok, out start);
        }
        return false;
    }

    private static byte* s_invocation;

    /// <summary>glibc's program_invocation_name: the argv[0] pointer main() got.</summary>
    internal static byte* InvocationName()
    {
        if (s_invocation == null &&
            NativeLibrary.TryLoad("libc.so.6", out nint lib) &&
            NativeLibrary.TryGetExport(lib, "program_invocation_name", out nint sym))
            s_invocation = *(byte**)sym;
        return s_invocation;
    }

    private static int Strlen(byte* p)
    {
        int n = 0;
        while (p[n] != 0) n++;
        return n;
    }
}
