using System;
using System.Collections.Generic;
using System.Text;
using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>
/// The raw argv bytes. The runtime hands Main UTF-8-decoded strings, which is
/// lossy for arbitrary bytes; chpst passes its arguments on to exec, so it
/// takes them from /proc/self/cmdline when they match, else re-encodes.
/// </summary>
internal static class Argv
{
    internal static byte[][] Raw(string argv0, string[] args)
    {
        byte[][] fallback = new byte[args.Length + 1][];
        fallback[0] = Bytes.Of(argv0);
        for (int i = 0; i < args.Length; i++) fallback[i + 1] = Bytes.Of(args[i]);
        List<byte[]>? parts = CmdLine();
        if (parts == null || parts.Count < fallback.Length) return fallback;
        byte[][] raw = parts.GetRange(parts.Count - fallback.Length, fallback.Length).ToArray();
        for (int i = 1; i < raw.Length; i++)
            if (Encoding.UTF8.GetString(raw[i]) != args[i - 1]) return fallback;
        raw[0] = fallback[0];
        return raw;
    }

    private static List<byte[]>? CmdLine()
    {
        int fd = Fd.OpenRead("/proc/self/cmdline");
        if (fd < 0) return null;
        var all = new List<byte>(4096);
        byte[] buf = new byte[65536];
        while (true)
        {
            nint n = Fd.Read(fd, buf);
            if (n <= 0) break;
            all.AddRange(buf.AsSpan(0, (int)n).ToArray());
        }
        Fd.Close(fd);
        var parts = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < all.Count; i++)
            if (all[i] == 0)
            {
                parts.Add(all.GetRange(start, i - start).ToArray());
                start = i + 1;
            }
        return parts;
    }
}
