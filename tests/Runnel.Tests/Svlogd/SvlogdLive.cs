using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Svlogd;

/// <summary>A running svlogd fed through a pipe by the test.</summary>
public sealed class SvlogdLive : IDisposable
{
    public Process P { get; }
    private readonly StringBuilder _err = new();
    public Stream In => P.StandardInput.BaseStream;

    public SvlogdLive(string tool, string cwd, params string[] args)
    {
        P = Cmd.Start(tool, args, cwd, redirectStdin: true);
        P.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_err) _err.Append(e.Data).Append('\n'); };
        P.BeginErrorReadLine();
    }

    public string Stderr { get { lock (_err) return _err.ToString(); } }

    public void Write(string s) { byte[] b = Encoding.ASCII.GetBytes(s); In.Write(b); In.Flush(); }

    public void Signal(string sig) => Cmd.Run("/bin/kill", "-s", sig, P.Id.ToString());

    public int CloseAndWait(int timeoutMs = 30_000)
    {
        try { P.StandardInput.Close(); } catch (IOException) { }
        if (!P.WaitForExit(timeoutMs)) throw new TimeoutException("svlogd did not exit");
        P.WaitForExit();
        return P.ExitCode;
    }

    public void Dispose()
    {
        try { if (!P.HasExited) P.Kill(); } catch (InvalidOperationException) { }
        P.Dispose();
    }

    /// <summary>
    /// All lines in a log dir, oldest file first (old files by name, then current).
    /// A rotation may rename a file between listing and reading: then read again.
    /// </summary>
    public static string AllLogged(string dir)
    {
        for (int attempt = 0; ; attempt++)
        {
            try { return ReadAll(dir); }
            catch (FileNotFoundException) when (attempt < 100) { System.Threading.Thread.Sleep(5); }
        }
    }

    private static string ReadAll(string dir)
    {
        var sb = new StringBuilder();
        var files = Directory.GetFiles(dir, "@*");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string f in files) sb.Append(File.ReadAllText(f));
        if (File.Exists(Path.Combine(dir, "current"))) sb.Append(File.ReadAllText(Path.Combine(dir, "current")));
        return sb.ToString();
    }

    public static string Numbered(int from, int to, int width = 60)
    {
        var sb = new StringBuilder();
        for (int i = from; i < to; i++) sb.Append("line ").Append(i.ToString("D8")).Append(' ').Append('x', width).Append('\n');
        return sb.ToString();
    }
}
