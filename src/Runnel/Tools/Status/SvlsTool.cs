using System;
using System.Collections.Generic;
using Runnel.Common;
using Runnel.Posix;
using Runnel.Supervision;
using Runnel.Tools.Runsvdir;

namespace Runnel.Tools.Status;

/// <summary>
/// svls (also `runnel status`): one line per service, or one JSON document,
/// read from supervise/ the way sv reads it plus runnel's supervise/info.
/// Exits 0 when every service that wants up runs, 1 when one does not,
/// 100 on a usage error, 111 when the services directory cannot be read.
/// </summary>
internal static class SvlsTool
{
    internal static int Run(string argv0, string[] args)
    {
        string prog = Program.Basename(argv0) == "svls" ? "svls" : "runnel status";
        bool json = false;
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") { i++; break; }
            if (a == "--json") { json = true; continue; }
            if (a.Length < 2 || a[0] != '-') break;
            for (int p = 1; p < a.Length; p++)
                if (a[p] == 'j') json = true;
                else return Usage(prog, a[1] == '-' ? "unknown option " + a : "illegal option -- " + a[p]);
        }
        string svdir = ServiceDirs.Services();
        var rows = new List<ServiceRow>();
        if (i < args.Length)
            for (; i < args.Length; i++) rows.Add(ServiceRow.Read(args[i], ServiceDirs.Resolve(svdir, args[i])));
        else if (!ListAll(prog, svdir, rows)) return 111;
        return Report(prog, svdir, rows, json);
    }

    private static int Report(string prog, string svdir, List<ServiceRow> rows, bool json)
    {
        ulong now = Tai64n.Now().Seconds;
        bool ok = true;
        foreach (ServiceRow r in rows)
        {
            if (r.Failing) ok = false;
            if (r.State == RowState.Error) Strerr.Warn(prog, ": warning: ", r.Name, ": ", r.ErrorText);
            if (r.Log is Probe { State: RowState.Error } l) Strerr.Warn(prog, ": warning: ", r.Name, "/log: ", l.ErrorText);
        }
        if (json) Fd.WriteAll(1, Json.Write(svdir, rows, now, ok));
        else
        {
            var o = new OutBuf(1, 4096);
            Table.Write(o, rows, now, UseColour());
            o.Flush();
        }
        return ok ? 0 : 1;
    }

    /// <summary>Every entry of the services directory that is (or links to) a directory, by name; dot-names skipped as runsvdir skips them.</summary>
    private static bool ListAll(string prog, string svdir, List<ServiceRow> rows)
    {
        int fd = DirReader.Open(svdir);
        if (fd == -1)
        {
            Strerr.WarnSys(Libc.Errno, prog, ": fatal: unable to open ", svdir, ": ");
            return false;
        }
        var names = new List<string>();
        int e = new DirReader().ReadNames(fd, names);
        Fd.Close(fd);
        if (e != 0)
        {
            Strerr.WarnSys(e, prog, ": fatal: unable to read ", svdir, ": ");
            return false;
        }
        names.Sort(StringComparer.Ordinal);
        foreach (string n in names)
        {
            string dir = ServiceStatus.Under(svdir, n);
            if (Fd.Stat(dir, out Libc.Stat st) && st.IsDir) rows.Add(ServiceRow.Read(n, dir, knownDir: true));
        }
        return true;
    }

    /// <summary>Colour only for a terminal, and never when NO_COLOR is set (non-empty) or TERM is dumb.</summary>
    private static bool UseColour() =>
        Libc.isatty(1) == 1
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    private static int Usage(string prog, string problem)
    {
        Strerr.Warn(prog, ": ", problem);
        // runit's usage lines end in an empty line.
        Strerr.Warn("usage: ", prog, " [-j] [service ...]\n");
        return 100;
    }
}
