using System;
using Runnel.Posix;

namespace Runnel.Supervision;

/// <summary>Where services are and how a service argument names one: sv's rules, shared by sv, svls, enable and disable.</summary>
internal static class ServiceDirs
{
    /// <summary>runit 2.3.0's /service/, Debian's /etc/service/, Void's /var/service/ (C sv has one compiled in).</summary>
    internal static readonly string[] Defaults = ["/service/", "/etc/service/", "/var/service/"];

    /// <summary>The first of <see cref="Defaults"/> that is a directory on this system, or null.</summary>
    internal static string? FirstExisting()
    {
        foreach (string d in Defaults)
            if (Fd.Stat(d, out Libc.Stat st) && st.IsDir) return d;
        return null;
    }

    /// <summary>$SVDIR, else the first existing default (without its trailing slash), else /etc/service (svls, enable).</summary>
    internal static string Services()
    {
        string? env = Environment.GetEnvironmentVariable("SVDIR");
        if (!string.IsNullOrEmpty(env)) return env;
        return FirstExisting()?.TrimEnd('/') ?? "/etc/service";
    }

    /// <summary>sv's rule: an argument starting with '/' or '.' or ending in '/' is a path, anything else a name in the services directory.</summary>
    internal static bool IsPath(string arg) => arg.Length == 0 || arg[0] == '/' || arg[0] == '.' || arg[^1] == '/';

    /// <summary><paramref name="arg"/> as a directory: itself when a path, else under <paramref name="svdir"/>.</summary>
    internal static string Resolve(string svdir, string arg) => IsPath(arg) ? arg : ServiceStatus.Under(svdir, arg);
}
