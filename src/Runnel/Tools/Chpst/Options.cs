using System;
using Runnel.Common;

namespace Runnel.Tools.Chpst;

/// <summary>chpst's command line, parsed as C chpst's getopt loop does.</summary>
internal sealed class Options
{
    internal byte[]? SetUser, EnvUser, Argv0, EnvDir, Root, Pwd, Lock;
    internal bool Verbose, Pgrp, NoStdin, NoStdout, NoStderr, LockWait;
    internal long Nice;
    internal readonly Limits Limits = new();
    internal byte[][] Prog = [];

    internal static Options Parse(byte[][] argv, byte[] progname)
    {
        var o = new Options();
        var g = new Getopt(argv);
        int opt;
        while ((opt = g.Next("u:U:b:e:m:d:o:p:f:c:r:t:/:C:n:l:L:vP012V")) != Getopt.Done)
            o.Take(opt, g.Arg, progname);
        if (g.Index >= argv.Length) ChpstTool.Usage(progname);
        o.Prog = argv[g.Index..];
        return o;
    }

    private void Take(int opt, byte[] arg, byte[] progname)
    {
        switch (opt)
        {
            case 'u': SetUser = arg; break;
            case 'U': EnvUser = arg; break;
            case 'b': Argv0 = arg; break;
            case 'e': EnvDir = arg; break;
            case 'm': Limits.Stack = Limits.MemLock = Limits.As = Limits.Data = Num(arg, progname); break;
            case 'd': Limits.Data = Num(arg, progname); break;
            case 'o': Limits.NoFile = Num(arg, progname); break;
            case 'p': Limits.NProc = Num(arg, progname); break;
            case 'f': Limits.FSize = Num(arg, progname); break;
            case 'c': Limits.Core = Num(arg, progname); break;
            case 'r': Limits.Rss = Num(arg, progname); break;
            case 't': Limits.Cpu = Num(arg, progname); break;
            case '/': Root = arg; break;
            case 'C': Pwd = arg; break;
            case 'n': Nice = NiceLevel(arg, progname); break;
            case 'l': SetLock(arg, true, progname); break;
            case 'L': SetLock(arg, false, progname); break;
            case 'v': Verbose = true; break;
            case 'P': Pgrp = true; break;
            case '0': NoStdin = true; break;
            case '1': NoStdout = true; break;
            case '2': NoStderr = true; break;
            case 'V':
                Msg.Warn("$Id: runnel ", Program.Version, " $");
                ChpstTool.Usage(progname);
                break;
            default: ChpstTool.Usage(progname); break;
        }
    }

    /// <summary>A limit: all decimal digits, or usage. Stored as C's long (huge values wrap negative: the hard limit).</summary>
    internal static long Num(byte[] arg, byte[] progname)
    {
        if (!Bytes.ParseUlong(arg, out ulong ul)) ChpstTool.Usage(progname);
        return unchecked((long)ul);
    }

    internal static long NiceLevel(byte[] arg, byte[] progname)
    {
        ReadOnlySpan<byte> a = arg;
        bool neg = a.Length > 0 && a[0] == '-';
        if (a.Length > 0 && (a[0] == '-' || a[0] == '+')) a = a[1..];
        if (!Bytes.ParseUlong(a, out ulong ul)) ChpstTool.Usage(progname);
        return neg ? -unchecked((long)ul) : unchecked((long)ul);
    }

    private void SetLock(byte[] arg, bool wait, byte[] progname)
    {
        if (Lock != null) ChpstTool.Usage(progname);
        Lock = arg;
        LockWait = wait;
    }
}
