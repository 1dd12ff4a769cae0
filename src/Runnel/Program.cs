using System;
using Runnel.Common;

namespace Runnel;

/// <summary>
/// One binary, many tools: the tool is the basename of argv[0] (so `pstree`
/// shows runsvdir, runsv, svlogd as with the C suite), or the first argument
/// when called as `runnel TOOL ARGS`.
/// </summary>
internal static class Program
{
    internal const string Version = "0.1.0";

    private static int Main(string[] args)
    {
        string argv0 = Environment.GetCommandLineArgs()[0];
        string name = Basename(argv0);
        if (name == "runnel")
        {
            if (args.Length == 0 || args[0] is "-h" or "--help") return Usage();
            if (args[0] is "-V" or "--version")
            {
                Strerr.WriteString(1, "runnel " + Version + "\n");
                return 0;
            }
            name = args[0];
            argv0 = args[0];
            args = args[1..];
        }
        return ToolTable.Dispatch(name, argv0, args) ?? Unknown(name);
    }

    internal static string Basename(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private static int Unknown(string name)
    {
        Strerr.Warn("runnel: fatal: unknown tool: ", name);
        return Usage();
    }

    private static int Usage()
    {
        Strerr.Raw("usage: runnel TOOL [ARGS...]\ntools: ", string.Join(' ', ToolTable.Names), "\n");
        return 100;
    }
}
