using System;

namespace Runnel.Tools.Sv;

/// <summary>
/// sv: reports and controls services supervised by runsv, as runit's sv does,
/// byte for byte; called by another name (an /etc/init.d/NAME link) it is an
/// LSB init script for service NAME.
/// </summary>
internal static class SvTool
{
    internal static int Run(string argv0, string[] args)
    {
        var a = SvArgs.Parse(argv0, args, Environment.GetEnvironmentVariable("SVWAIT"));
        return new SvSession(a, Environment.GetEnvironmentVariable("SVDIR")).Run();
    }
}
