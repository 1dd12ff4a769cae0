using System;
using Runnel.Common;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// Splits standard input into lines and hands each to every log directory:
/// the first linemax bytes are the message (replaced, matched, stamped,
/// prefixed); the rest of a longer line goes to the logs unchanged.
/// </summary>
internal sealed class Logger
{
    private readonly Options _o;
    internal readonly LogDir[] Dirs;
    private readonly Stamp? _stamp;
    private readonly byte[] _replaceTable = new byte[256];
    private readonly byte[] _line;
    private readonly OutBuf _err = new(2, 4096);
    private byte[] _udp = new byte[1024];
    /// <summary>In the tail of a line longer than linemax.</summary>
    private bool _overflow;

    internal Logger(Options o)
    {
        _o = o;
        Dirs = new LogDir[o.Dirs.Length];
        for (int i = 0; i < Dirs.Length; i++) Dirs[i] = new LogDir(o.Dirs[i], o);
        if (o.Timestamp > 0) _stamp = new Stamp(o.Timestamp);
        _line = o.Repl != 0 ? new byte[o.LineMax] : [];
        for (int c = 0; c < 256; c++)
            _replaceTable[c] = c < 32 || c > 126 || o.Replace.AsSpan().IndexOf((byte)c) >= 0 ? o.Repl : (byte)c;
    }

    /// <summary>Processes buf; returns how many bytes were consumed (the rest is an incomplete line).</summary>
    internal int Process(ReadOnlySpan<byte> buf)
    {
        int pos = 0;
        while (pos < buf.Length)
        {
            ReadOnlySpan<byte> rest = buf[pos..];
            if (_overflow)
            {
                int nl = rest.IndexOf((byte)'\n');
                Tail(nl < 0 ? rest : rest[..nl]);
                if (nl < 0) return buf.Length;
                EndLine();
                _overflow = false;
                pos += nl + 1;
                continue;
            }
            int scan = Math.Min(rest.Length, _o.LineMax);
            int k = rest[..scan].IndexOf((byte)'\n');
            if (k >= 0)
            {
                Line(rest[..k], false);
                EndLine();
                pos += k + 1;
            }
            else if (scan == _o.LineMax)
            {
                Line(rest[..scan], true);
                _overflow = true;
                pos += scan;
            }
            else break;
        }
        return pos;
    }

    /// <summary>At end of input or exit: an incomplete last line is written with a newline (C drops it).</summary>
    internal void Finish(ReadOnlySpan<byte> partial)
    {
        if (_overflow) { Tail(partial); EndLine(); _overflow = false; }
        else if (!partial.IsEmpty) { Line(partial, false); EndLine(); }
    }

    internal void FlushAll()
    {
        foreach (LogDir d in Dirs) if (d.IsOpen) d.Flush();
        _err.Flush();
    }

    private void Line(ReadOnlySpan<byte> head, bool truncated)
    {
        ReadOnlySpan<byte> stamp = default;
        if (_stamp != null)
        {
            _stamp.Set(Tai64n.Now());
            stamp = _stamp.Bytes;
        }
        ReadOnlySpan<byte> line = head;
        if (_o.Repl != 0)
        {
            for (int i = 0; i < head.Length; i++) _line[i] = _replaceTable[head[i]];
            line = _line.AsSpan(0, head.Length);
        }
        foreach (LogDir d in Dirs)
        {
            if (!d.IsOpen) continue;
            if (d.Config.Instructions.Count > 0) Select(d, line);
            if (d.MatchErr == (byte)'e')
            {
                _err.Put(stamp).Put(d.Config.Prefix).Put(line);
                if (truncated) _err.Put("..."u8);
                _err.Put("\n"u8);
            }
            if (d.Match != (byte)'+') continue;
            if (d.Config.UdpPort != 0) SendUdp(d, stamp, line, truncated);
            if (!d.Config.UdpOnly)
            {
                d.Append(stamp);
                d.Append(d.Config.Prefix);
                d.Append(line);
            }
        }
    }

    /// <summary>C's logmatch: the last matching +/- line decides the log, the last e/E line stderr.</summary>
    private static void Select(LogDir d, ReadOnlySpan<byte> line)
    {
        d.Match = (byte)'+';
        d.MatchErr = (byte)'E';
        foreach (Instruction ins in d.Config.Instructions)
        {
            if (!Pattern.Match(ins.Pattern, line)) continue;
            if (ins.Kind is (byte)'+' or (byte)'-') d.Match = ins.Kind;
            else d.MatchErr = ins.Kind;
        }
    }

    private void SendUdp(LogDir d, ReadOnlySpan<byte> stamp, ReadOnlySpan<byte> line, bool truncated)
    {
        int n = stamp.Length + d.Config.Prefix.Length + line.Length + 4;
        if (_udp.Length < n) _udp = new byte[n];
        Span<byte> m = _udp;
        int len = 0;
        stamp.CopyTo(m); len += stamp.Length;
        d.Config.Prefix.CopyTo(m[len..]); len += d.Config.Prefix.Length;
        line.CopyTo(m[len..]); len += line.Length;
        if (truncated) { "..."u8.CopyTo(m[len..]); len += 3; }
        m[len++] = (byte)'\n';
        int r = Udp.Send(d.Config.UdpAddr, d.Config.UdpPort, m[..len]);
        if (r == 1) return;
        if (r == -1)
        {
            d.Append("warning: no udp socket available: "u8);
            d.Append(stamp);
            d.Append(d.Config.Prefix);
            d.Append(line);
        }
        else
        {
            d.Append("warning: failure sending through udp: "u8);
            d.Append(m[..(len - 1)]);
        }
        d.EndLine();
    }

    private void Tail(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        foreach (LogDir d in Dirs) if (d.Writes) d.Append(bytes);
    }

    private void EndLine()
    {
        foreach (LogDir d in Dirs) if (d.Writes) d.EndLine();
    }
}
