using System;
using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Svlogd;

/// <summary>Command line of svlogd, parsed with the rules of runit's sgetopt.</summary>
internal sealed class Options
{
    internal const string UsageTail = " [-ttv] [-r c] [-R abc] [-l len] [-b buflen] dir ...";
    internal int Timestamp;
    internal int Verbose;
    /// <summary>Replacement byte for -r/-R; 0 = no replacement.</summary>
    internal byte Repl;
    internal byte[] Replace = [];
    internal int LineMax = 1000;
    internal long BufLen = 1024;
    internal string[] Dirs = [];

    /// <summary>Parses <paramref name="args"/>; null after printing usage (exit 111 as C).</summary>
    internal static Options? Parse(string argv0, string[] args)
    {
        var o = new Options();
        var g = new GetOpt(args, "R:r:l:b:tvV");
        ulong ul;
        int c;
        while ((c = g.Next(out string? arg)) != -1)
        {
            switch (c)
            {
                case 'R':
                    o.Replace = System.Text.Encoding.UTF8.GetBytes(arg!);
                    if (o.Repl == 0) o.Repl = (byte)'_';
                    break;
                case 'r':
                    byte[] r = System.Text.Encoding.UTF8.GetBytes(arg!);
                    if (r.Length != 1) return Usage(argv0);
                    o.Repl = r[0];
                    break;
                case 'l':
                    Scan.ULong(arg!, out ul);
                    o.LineMax = ul == 0 ? 1000 : ul > int.MaxValue / 2 ? int.MaxValue / 2 : (int)ul;
                    break;
                case 'b':
                    Scan.ULong(arg!, out ul);
                    o.BufLen = ul == 0 ? 1024 : ul > long.MaxValue / 2 ? long.MaxValue / 2 : (long)ul;
                    break;
                case 't':
                    if (++o.Timestamp > 3) o.Timestamp = 3;
                    break;
                case 'v':
                    o.Verbose++;
                    break;
                case 'V':
                    Strerr.Warn("$Id: runnel ", Program.Version, " $");
                    return Usage(argv0);
                default:
                    Strerr.Raw(Program.Basename(argv0), g.Problem);
                    return Usage(argv0);
            }
        }
        o.Dirs = args[g.Index..];
        if (o.Dirs.Length == 0 || o.BufLen <= o.LineMax) return Usage(argv0);
        return o;
    }

    private static Options? Usage(string argv0)
    {
        Strerr.Warn("usage: ", argv0, UsageTail, "\n");
        return null;
    }
}

/// <summary>runit's subgetopt: clustered flags, "-" alone and non-options end the options, "--" is skipped.</summary>
internal sealed class GetOpt(string[] args, string spec)
{
    internal int Index;
    private int _pos;
    internal string Problem = "";

    internal int Next(out string? arg)
    {
        arg = null;
        if (Index >= args.Length) return -1;
        if (_pos > 0 && _pos >= args[Index].Length)
        {
            Index++;
            _pos = 0;
            if (Index >= args.Length) return -1;
        }
        string a = args[Index];
        if (_pos == 0)
        {
            if (a.Length < 2 || a[0] != '-') return -1;
            if (a[1] == '-') { Index++; return -1; }
            _pos = 1;
        }
        char c = a[_pos++];
        int k = spec.IndexOf(c);
        if (k < 0 || c == ':')
        {
            Problem = ": illegal option -- " + c + "\n";
            return '?';
        }
        if (k + 1 < spec.Length && spec[k + 1] == ':')
        {
            arg = a[_pos..];
            Index++;
            _pos = 0;
            if (arg.Length == 0)
            {
                if (Index >= args.Length)
                {
                    Problem = ": option requires an argument -- " + c + "\n";
                    return '?';
                }
                arg = args[Index++];
            }
        }
        return c;
    }
}
