using System;
using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>
/// chpst: change the process state, then exec the program in this same
/// process. Called as envdir, envuidgid, pgrphack, setuidgid, softlimit or
/// setlock (a leading 'd' in the name is dropped, as C does) it emulates
/// that daemontools program.
/// </summary>
internal static class ChpstTool
{
    internal const string UsageMain = " [-vVP012] [-u user[:group]] [-U user[:group]] [-b argv0] [-e dir] [-/ root] [-C pwd] [-n nice] [-l|-L lock] [-m n] [-d n] [-o n] [-p n] [-f n] [-c n] [-t n] prog";

    internal static int Run(string argv0, string[] args)
    {
        byte[][] argv = Argv.Raw(argv0, args);
        byte[] progname = Progname(argv[0]);
        if (Personalities.Dispatch(progname, argv)) return 111;
        var o = Options.Parse(argv, progname);
        Apply(o);
        byte[] file = o.Prog[0];
        if (o.Argv0 != null) o.Prog[0] = o.Argv0;
        PathExec.Run(file, o.Prog);
        ProcState.Die2("unable to run", o.Prog[0]);
        return 111;
    }

    /// <summary>The basename of argv[0] without one leading 'd'.</summary>
    internal static byte[] Progname(byte[] argv0)
    {
        byte[] p = Bytes.Basename(argv0);
        return p.Length > 0 && p[0] == 'd' ? p[1..] : p;
    }

    internal static void Usage(byte[] progname) => Msg.Die(100, "usage: ", progname, UsageMain, "\n");

    /// <summary>The state changes in C chpst's order.</summary>
    private static unsafe void Apply(Options o)
    {
        if (o.Pgrp) Libc.setsid();
        if (o.EnvDir != null) EnvDir.Load(o.EnvDir, viaOption: true, o.Verbose);
        if (o.Root != null)
        {
            fixed (byte* p = ProcState.Z(o.Root))
                if (Libc.chdir(p) == -1) ProcState.Die2("unable to change directory", o.Root);
            fixed (byte* dot = "."u8)
                if (Libc.chroot(dot) == -1) ProcState.Die("unable to change root directory");
        }
        if (o.Pwd != null)
            fixed (byte* p = ProcState.Z(o.Pwd))
                if (Libc.chdir(p) == -1) ProcState.Die2("unable to change directory", o.Pwd);
        if (o.Nice != 0 && Libc.nice((int)o.Nice) == -1 && Libc.Errno != 0)
            ProcState.Die("unable to set nice level");
        if (o.EnvUser != null) ProcState.EnvUser(o.EnvUser, ext: true);
        if (o.SetUser != null) ProcState.SetUser(o.SetUser, ext: true);
        if (o.Lock != null) ProcState.Lock(o.Lock, o.LockWait, quietFail: false);
        if (o.NoStdin && Libc.close(0) == -1) ProcState.Die("unable to close stdin");
        if (o.NoStdout && Libc.close(1) == -1) ProcState.Die("unable to close stdout");
        if (o.NoStderr && Libc.close(2) == -1) ProcState.Die("unable to close stderr");
        o.Limits.Apply();
    }
}
