using System;
using System.IO;

namespace Runnel.Tests.Infra;

/// <summary>A fresh directory under /tmp, removed with everything in it on Dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; }

    public TempDir(string prefix = "runnel-test")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file (creating parent dirs); executable when <paramref name="exec"/>.</summary>
    public string Write(string relative, string content, bool exec = false)
    {
        string p = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, content);
        if (exec) File.SetUnixFileMode(p, (UnixFileMode)0b111_101_101);
        return p;
    }

    /// <summary>Writes an executable /bin/sh script.</summary>
    public string Script(string relative, string body) => Write(relative, "#!/bin/sh\n" + body + "\n", exec: true);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
