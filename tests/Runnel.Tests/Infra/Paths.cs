using System;
using System.IO;

namespace Runnel.Tests.Infra;

/// <summary>Where the binaries under test are. A missing one fails the test: nothing is skipped.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>out/bin: runnel and a symlink per tool (RUNNEL_BIN overrides).</summary>
    public static string RunnelBin =>
        Environment.GetEnvironmentVariable("RUNNEL_BIN") is { Length: > 0 } b ? b : Path.Combine(RepoRoot, "out", "bin");

    /// <summary>A runnel tool by name, e.g. Tool("runsv").</summary>
    public static string Tool(string name)
    {
        string p = Path.Combine(RunnelBin, name);
        if (!File.Exists(p)) throw new FileNotFoundException($"{p} missing: run ./build.sh first");
        return p;
    }

    /// <summary>Root of Debian's unpacked C runit (RUNIT_C, set by build.sh via tests/compat/fetch-c-runit.sh).</summary>
    public static string CRunitRoot
    {
        get
        {
            string? r = Environment.GetEnvironmentVariable("RUNIT_C");
            if (string.IsNullOrEmpty(r))
                r = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".cache", "runnel", "runit-c");
            if (!File.Exists(Path.Combine(r, "usr", "bin", "runsv")))
                throw new FileNotFoundException($"C runit not found at {r}: run tests/compat/fetch-c-runit.sh");
            return r;
        }
    }

    /// <summary>A C runit tool by name (usr/bin, usr/sbin or sbin of the Debian package).</summary>
    public static string CTool(string name)
    {
        foreach (string d in new[] { "usr/bin", "usr/sbin", "sbin" })
        {
            string p = Path.Combine(CRunitRoot, d, name);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException($"C runit tool {name} not found under {CRunitRoot}");
    }

    private static string FindRoot()
    {
        for (string? d = AppContext.BaseDirectory; d != null; d = Path.GetDirectoryName(d))
            if (File.Exists(Path.Combine(d, "Runnel.slnx"))) return d;
        throw new DirectoryNotFoundException("Runnel.slnx not found above the test binary");
    }
}
