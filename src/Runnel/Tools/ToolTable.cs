namespace Runnel;

/// <summary>The tool table: every name runnel answers to.</summary>
internal static class ToolTable
{
    internal static readonly string[] Names =
    [
        "runit", "runit-init", "runsvdir", "runsv", "sv", "svlogd", "chpst", "envdir",
        "envuidgid", "pgrphack", "setuidgid", "softlimit", "setlock", "utmpset", "runsvchdir",
        "svls", "status", "enable", "disable",
    ];

    /// <summary>Runs tool <paramref name="name"/>; null when there is no such tool.</summary>
    internal static int? Dispatch(string name, string argv0, string[] args) => name switch
    {
        "runsv" => Tools.Runsv.RunsvTool.Run(argv0, args),
        "runsvdir" => Tools.Runsvdir.RunsvdirTool.Run(argv0, args),
        "runsvchdir" => Tools.Runsvchdir.RunsvchdirTool.Run(argv0, args),
        "sv" => Tools.Sv.SvTool.Run(argv0, args),
        "svlogd" => Tools.Svlogd.SvlogdTool.Run(argv0, args),
        _ when IsChpst(name) || (name.Length > 1 && name[0] == 'd' && IsChpst(name[1..])) => Tools.Chpst.ChpstTool.Run(argv0, args),
        "utmpset" => Tools.Utmpset.UtmpsetTool.Run(argv0, args),
        "runit" => Tools.Init.RunitTool.Run(argv0, args),
        "runit-init" or "init" => Tools.Init.RunitInitTool.Run(argv0, args),
        "svls" => Tools.Status.SvlsTool.Run(argv0, args),
        "status" or "enable" or "disable" => RunnelVerb(name, argv0, args),
        _ => ViaLink(argv0, args),
    };

    /// <summary>chpst and its personalities; C chpst also answers to each name with one leading 'd'.</summary>
    private static bool IsChpst(string name) =>
        name is "chpst" or "envdir" or "envuidgid" or "pgrphack" or "setuidgid" or "softlimit" or "setlock";

    /// <summary>
    /// `runnel status|enable|disable`. A service may be called status too:
    /// /etc/init.d/status linked to sv stays sv's init script.
    /// </summary>
    private static int RunnelVerb(string name, string argv0, string[] args) =>
        argv0.Contains('/') && Tools.Sv.SvLink.PointsToSv(argv0) ? Tools.Sv.SvTool.Run(argv0, args)
        : name == "status" ? Tools.Status.SvlsTool.Run(argv0, args)
        : Tools.Enable.EnableTool.Run(argv0, args);

    /// <summary>
    /// A name that is no tool: runit's sv linked as /etc/init.d/NAME runs as
    /// that service's init script, so a link to a file named sv is sv.
    /// </summary>
    private static int? ViaLink(string argv0, string[] args) =>
        Tools.Sv.SvLink.PointsToSv(argv0) ? Tools.Sv.SvTool.Run(argv0, args) : null;
}
