namespace Runnel.Posix;

/// <summary>Linux x86_64 signal names without the SIG prefix, as kill -l prints them.</summary>
internal static class SignalNames
{
    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>"TERM" for 15; the number itself for signals without a fixed name (real-time ones).</summary>
    internal static string Of(int sig) =>
        sig > 0 && sig < Names.Length ? Names[sig] : sig.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
