using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Sv;

/// <summary>What sv does with each service, decided from the command word.</summary>
internal enum SvAct { None, Control, Status }

/// <summary>
/// sv's command line: options -v, -w sec, -V (runit's getopt: options end at
/// the first non-option or "--"), the command, and what the command means.
/// </summary>
internal sealed class SvArgs
{
    internal string Progname = "sv";
    internal bool Lsb;
    internal bool Verbose;
    internal ulong Wait = 7;
    internal string Action = "";
    internal string[] Services = [];

    internal SvAct Act = SvAct.Control;
    /// <summary>The control bytes sent (or, for check, the state to wait for).</summary>
    internal string Acts = "s";
    /// <summary>Wait for the command to take effect and report ok/timeout.</summary>
    internal bool Check;
    /// <summary>On timeout send kill (the force-* commands).</summary>
    internal bool Kill;

    internal const string Usage = " [-v] [-w sec] command service ...";
    internal const string UsageLsb = " [-w sec] command";

    /// <summary>Parses argv; exits with usage (100, or 2 in LSB mode) on bad input.</summary>
    internal static SvArgs Parse(string argv0, string[] args, string? svwait)
    {
        var a = new SvArgs();
        a.Progname = Program.Basename(argv0);
        a.Lsb = a.Progname != "sv";
        if (svwait != null) a.Wait = ScanUlong(svwait);
        int i = a.ParseOptions(args);
        if (i >= args.Length) a.UsageExit();
        a.Action = args[i++];
        a.Services = a.Lsb ? [a.Progname] : args[i..];
        if (a.Services.Length == 0) a.UsageExit();
        a.Check = a.Verbose;
        return a;
    }

    /// <summary>runit's subgetopt over "w:vV"; returns the index of the first operand.</summary>
    private int ParseOptions(string[] args)
    {
        int i = 0;
        while (i < args.Length)
        {
            string s = args[i];
            if (s.Length < 2 || s[0] != '-') return i;
            if (s == "--") return i + 1;
            for (int pos = 1; pos < s.Length; pos++)
            {
                char c = s[pos];
                if (c == 'v') { Verbose = true; continue; }
                if (c == 'w')
                {
                    string? arg = pos + 1 < s.Length ? s[(pos + 1)..] : i + 1 < args.Length ? args[++i] : null;
                    if (arg == null) OptionProblem(": option requires an argument -- ", c);
                    Wait = ScanUlong(arg!);
                    Verbose = true;
                    break;
                }
                if (c == 'V') Strerr.Warn("$Id: runnel ", Program.Version, " $");
                else OptionProblem(": illegal option -- ", c);
                UsageExit();
            }
            i++;
        }
        return i;
    }

    private void OptionProblem(string what, char c)
    {
        Strerr.Raw(Progname, what, c.ToString(), "\n");
        UsageExit();
    }

    /// <summary>
    /// sv looks at the first character of the command, and at the whole word
    /// for the LSB ones. Called after the working directory is opened, as in C
    /// (an unreadable one is fatal before a bad command is a usage error).
    /// </summary>
    internal void ParseAction()
    {
        string w = Action;
        char c = w.Length > 0 ? w[0] : '\0';
        switch (c)
        {
            case 'x': case 'e': Acts = "x"; return;
            case 'X': case 'E': Set("x", kill: true); return;
            case 'D': Set("d", kill: true); return;
            case 'T': Set("tc", kill: true); return;
            case 't' when w == "try-restart": Set("tc"); return;
            case 't' or 'c' when w == "check": Act = SvAct.None; Set("C"); return;
            case 't' or 'c' or 'u' or 'd' or 'o' or 'p' or 'h' or 'a' or 'i' or 'k' or 'q' or '1' or '2':
                Acts = c.ToString(); return;
            case 's': ParseS(w); return;
            case 'r':
                if (w == "restart") Set("tcu");
                else if (w == "reload") Set("h");
                else UsageExit();
                return;
            case 'f':
                if (w == "force-reload") Set("tc", kill: true);
                else if (w == "force-restart") Set("tcu", kill: true);
                else if (w == "force-shutdown") Set("x", kill: true);
                else if (w == "force-stop") Set("d", kill: true);
                else UsageExit();
                return;
            default: UsageExit(); return;
        }
    }

    private void ParseS(string w)
    {
        if (w == "shutdown") Set("x");
        else if (w == "start") Set("u");
        else if (w == "stop") Set("d");
        else if (Lsb && w != "status") UsageExit();
        else
        {
            Act = SvAct.Status;
            Check = false;
        }
    }

    private void Set(string acts, bool kill = false)
    {
        Acts = acts;
        Check = true;
        Kill = kill;
    }

    internal void UsageExit()
    {
        // runit's strerr_die4x ends the line itself after USAGE's own "\n": two newlines.
        Strerr.Warn("usage: ", Progname, Lsb ? UsageLsb : Usage, "\n");
        Libc._exit(Lsb ? 2 : 100);
    }

    /// <summary>runit's scan_ulong of a whole argument: the leading decimal digits (none: 0).</summary>
    internal static ulong ScanUlong(string s)
    {
        Scan.ULong(s, out ulong v);
        return v;
    }
}
