using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>
/// The daemontools programs chpst emulates when called by their name, with
/// exactly the arguments C chpst accepts for each (including its quirks:
/// setlock waits only with -n, runs without waiting by default and with -N).
/// </summary>
internal static class Personalities
{
    private const string UsageSetuidgid = " account child";
    private const string UsageEnvdir = " dir child";
    private const string UsagePgrphack = " child";
    private const string UsageSetlock = " [ -nNxX ] file program [ arg ... ]";
    private const string UsageSoftlimit = " [-a allbytes] [-c corebytes] [-d databytes] [-f filebytes] [-l lockbytes] [-m membytes] [-o openfiles] [-p processes] [-r residentbytes] [-s stackbytes] [-t cpusecs] child";

    /// <summary>Runs the personality named <paramref name="progname"/>; false when it names none.</summary>
    internal static bool Dispatch(byte[] progname, byte[][] argv)
    {
        if (Bytes.Equal(progname, "setuidgid")) UserTool(progname, argv, set: true);
        else if (Bytes.Equal(progname, "envuidgid")) UserTool(progname, argv, set: false);
        else if (Bytes.Equal(progname, "envdir")) Envdir(progname, argv);
        else if (Bytes.Equal(progname, "pgrphack")) Pgrphack(progname, argv);
        else if (Bytes.Equal(progname, "setlock")) Setlock(progname, argv);
        else if (Bytes.Equal(progname, "softlimit")) Softlimit(progname, argv);
        else return false;
        return true;
    }

    private static void Usage(byte[] progname, string usage) => Msg.Die(100, "usage: ", progname, usage, "\n");

    private static void Exec(byte[][] prog)
    {
        PathExec.Run(prog[0], prog);
        ProcState.Die2("unable to run", prog[0]);
    }

    private static void UserTool(byte[] progname, byte[][] argv, bool set)
    {
        if (argv.Length < 3) Usage(progname, UsageSetuidgid);
        if (set) ProcState.SetUser(argv[1], ext: false);
        else ProcState.EnvUser(argv[1], ext: false);
        Exec(argv[2..]);
    }

    private static void Envdir(byte[] progname, byte[][] argv)
    {
        if (argv.Length < 3) Usage(progname, UsageEnvdir);
        EnvDir.Load(argv[1], viaOption: false, verbose: false);
        Exec(argv[2..]);
    }

    private static void Pgrphack(byte[] progname, byte[][] argv)
    {
        if (argv.Length < 2) Usage(progname, UsagePgrphack);
        Libc.setsid();
        Exec(argv[1..]);
    }

    private static void Setlock(byte[] progname, byte[][] argv)
    {
        bool delay = false, x = false;
        var g = new Getopt(argv);
        int opt;
        while ((opt = g.Next("nNxX")) != Getopt.Done)
            switch (opt)
            {
                case 'n': delay = true; break;
                case 'N': delay = false; break;
                case 'x': x = true; break;
                case 'X': x = false; break;
                default: Usage(progname, UsageSetlock); break;
            }
        if (argv.Length - g.Index < 2) Usage(progname, UsageSetlock);
        ProcState.Lock(argv[g.Index], delay, quietFail: x);
        byte[][] prog = argv[(g.Index + 1)..];
        PathExec.Run(prog[0], prog);
        if (!x) ProcState.Die2("unable to run", prog[0]);
        Libc._exit(0);
    }

    private static void Softlimit(byte[] progname, byte[][] argv)
    {
        var l = new Limits();
        var g = new Getopt(argv);
        int opt;
        while ((opt = g.Next("a:c:d:f:l:m:o:p:r:s:t:")) != Getopt.Done)
        {
            long v = opt == '?' ? 0 : Arg(g.Arg, progname);
            switch (opt)
            {
                case 'a': l.As = v; break;
                case 'c': l.Core = v; break;
                case 'd': l.Data = v; break;
                case 'f': l.FSize = v; break;
                case 'l': l.MemLock = v; break;
                case 'm': l.Data = l.Stack = l.MemLock = l.As = v; break;
                case 'o': l.NoFile = v; break;
                case 'p': l.NProc = v; break;
                case 'r': l.Rss = v; break;
                case 's': l.Stack = v; break;
                case 't': l.Cpu = v; break;
                default: Usage(progname, UsageSoftlimit); break;
            }
        }
        if (g.Index >= argv.Length) Usage(progname, UsageSoftlimit);
        l.Apply();
        Exec(argv[g.Index..]);
    }

    /// <summary>getlarg: "=" means the hard limit; a bad number prints chpst's own usage, as C does.</summary>
    private static long Arg(byte[] arg, byte[] progname)
    {
        if (Bytes.Equal(arg, "=")) return -1;
        return Options.Num(arg, progname);
    }
}
