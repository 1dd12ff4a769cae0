using System;
using Runnel.Common;
using System.Collections.Generic;
using System.Text;

namespace Runnel.Tools.Svlogd;

/// <summary>One +, -, e or E line of a config: the kind byte and the pattern after it.</summary>
internal readonly record struct Instruction(byte Kind, byte[] Pattern);

/// <summary>
/// A log directory's <c>config</c>, parsed as svlogd reads it: line by line,
/// unknown lines ignored, numbers scanned as far as they go (wrapping like
/// C's unsigned long), later lines overriding earlier ones.
/// </summary>
internal sealed class LogConfig
{
    internal ulong SizeMax = 1_000_000;
    internal ulong NMax = 10;
    internal ulong NMin = 10;
    /// <summary>Seconds after which a non-empty current is rotated; 0 = never.</summary>
    internal ulong TMax;
    /// <summary>The shell command of a `!` line, or null.</summary>
    internal string? Processor;
    internal byte[] Prefix = [];
    internal readonly List<Instruction> Instructions = [];
    /// <summary>IPv4 address and port in network byte order; port 0 = no udp.</summary>
    internal uint UdpAddr;
    internal ushort UdpPort;
    internal bool UdpOnly;
    /// <summary>Warnings as (what, detail) for "svlogd: warning: what: detail".</summary>
    internal readonly List<(string What, string Detail)> Warnings = [];

    internal static LogConfig Parse(ReadOnlySpan<byte> text)
    {
        var c = new LogConfig();
        // As C: a line starts at i while i + 1 < length, so a final one-byte line is ignored.
        for (int i = 0; i + 1 < text.Length; i++)
        {
            int nl = text[i..].IndexOf((byte)'\n');
            int len = nl < 0 ? text.Length - i : nl;
            c.ParseLine(text.Slice(i, len));
            i += len;
        }
        return c;
    }

    private void ParseLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty) return;
        // C turns each line into a C string: everything after a NUL is invisible to scans.
        ReadOnlySpan<byte> cstr = CString(line);
        ReadOnlySpan<byte> rest = cstr.Length > 0 ? cstr[1..] : cstr;
        switch (line[0])
        {
            case (byte)'+' or (byte)'-' or (byte)'e' or (byte)'E':
                AddInstructions(line);
                break;
            case (byte)'s':
                SizeMax = ScanWithUnit(rest, 'k', 1024, 'm', 1024 * 1024);
                break;
            case (byte)'n':
                Scan.ULong(rest, out NMax);
                break;
            case (byte)'N':
                Scan.ULong(rest, out NMin);
                break;
            case (byte)'t':
                TMax = ScanWithUnit(rest, 'm', 60, 'h', 3600);
                break;
            case (byte)'!':
                if (line.Length > 1) Processor = Encoding.UTF8.GetString(rest);
                break;
            case (byte)'U':
                UdpOnly = true;
                ParseUdp(rest);
                break;
            case (byte)'u':
                ParseUdp(rest);
                break;
            case (byte)'p':
                if (line.Length > 1) Prefix = rest.ToArray();
                break;
        }
    }

    /// <summary>C appends the raw line and then splits instructions at NUL bytes, so an embedded NUL starts another one.</summary>
    private void AddInstructions(ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int z = line.IndexOf((byte)0);
            ReadOnlySpan<byte> piece = z < 0 ? line : line[..z];
            if (piece.Length > 0 && piece[0] is (byte)'+' or (byte)'-' or (byte)'e' or (byte)'E')
                Instructions.Add(new Instruction(piece[0], piece[1..].ToArray()));
            if (z < 0) return;
            line = line[(z + 1)..];
        }
    }

    private static ulong ScanWithUnit(ReadOnlySpan<byte> s, char small, ulong smallMul, char big, ulong bigMul)
    {
        int n = Scan.ULong(s, out ulong v);
        if (n < s.Length)
        {
            if (s[n] == (byte)big) v *= bigMul;
            else if (s[n] == (byte)small) v *= smallMul;
        }
        return v;
    }

    private void ParseUdp(ReadOnlySpan<byte> s)
    {
        int n = ScanIp4(s, out uint addr);
        if (n == 0)
        {
            Warnings.Add(("unable to scan ip address", Latin(s)));
            return;
        }
        UdpAddr = addr;
        ulong port = 514;
        if (n < s.Length && s[n] == (byte)':')
        {
            Scan.ULong(s[(n + 1)..], out port);
            if (port == 0)
            {
                Warnings.Add(("unable to scan port number", Latin(s[(n + 1)..])));
                return;
            }
        }
        ushort p = (ushort)port; // C's htons truncates to 16 bits
        UdpPort = (ushort)((p >> 8) | (p << 8));
    }

    /// <summary>a.b.c.d, each part at least one digit, truncated to a byte; the length scanned or 0.</summary>
    internal static int ScanIp4(ReadOnlySpan<byte> s, out uint addrNetworkOrder)
    {
        addrNetworkOrder = 0;
        int pos = 0;
        for (int k = 0; k < 4; k++)
        {
            if (k > 0)
            {
                if (pos >= s.Length || s[pos] != (byte)'.') return 0;
                pos++;
            }
            int n = Scan.ULong(s[pos..], out ulong u);
            if (n == 0) return 0;
            addrNetworkOrder |= (uint)(byte)u << (8 * k);
            pos += n;
        }
        return pos;
    }

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        int z = s.IndexOf((byte)0);
        return z < 0 ? s : s[..z];
    }

    private static string Latin(ReadOnlySpan<byte> s) => Encoding.Latin1.GetString(CString(s));
}
