namespace Runnel.Tests.Infra;

/// <summary>Which implementation a differential test runs: Debian's C runit or runnel.</summary>
public enum Flavour { C, Runnel }

public static class FlavourExtensions
{
    public static string Tool(this Flavour f, string name) =>
        f == Flavour.C ? Paths.CTool(name) : Paths.Tool(name);
}
