using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Status;

/// <summary>Where services are, found as sv finds them (shared by svls, enable and disable).</summary>
internal static class ServiceDirs
{
    /// <summary>$SVDIR, else the first of sv's default services directories that exists.</summary>
    internal static string Services()
    {
        string? env = Environment.GetEnvironmentVariable("SVDIR");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (string d in Sv.SvSession.DefaultSvDirs)
            if (Fd.Stat(d, out Libc.Stat st) && st.IsDir) return d.TrimEnd('/');
        return "/etc/service";
    }

    /// <summary>sv's rule: an argument starting with '/' or '.' or ending in '/' is a path, anything else a name in the services directory.</summary>
    internal static string Resolve(string svdir, string arg) =>
        arg.Length > 0 && arg[0] != '/' && arg[0] != '.' && arg[^1] != '/' ? ServiceStatus.Under(svdir, arg) : arg;
}
