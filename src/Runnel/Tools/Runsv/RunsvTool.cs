using Runnel.Common;

namespace Runnel.Tools.Runsv;

internal static class RunsvTool
{
    internal static int Run(string argv0, string[] args)
    {
        Strerr.Warn("runsv: fatal: not implemented yet");
        return 111;
    }
}
