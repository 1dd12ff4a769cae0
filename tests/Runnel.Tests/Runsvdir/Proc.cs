using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Runnel.Tests.Runsvdir;

/// <summary>What /proc says about a process (fields of /proc/PID/stat after the comm).</summary>
public static class Proc
{
    public static bool Alive(int pid) => File.Exists($"/proc/{pid}/stat") && State(pid) != 'Z';

    public static string? Comm(int pid) => Try(() => File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n'));

    public static byte[] CmdlineBytes(int pid) => Try(() => File.ReadAllBytes($"/proc/{pid}/cmdline")) ?? [];

    public static string[] Argv(int pid) =>
        System.Text.Encoding.UTF8.GetString(CmdlineBytes(pid)).TrimEnd('\0').Split('\0');

    public static int Ppid(int pid) => int.Parse(Field(pid, 4) ?? "-1");
    public static int Sid(int pid) => int.Parse(Field(pid, 6) ?? "-1");
    public static char State(int pid) => (Field(pid, 3) ?? "?")[0];

    /// <summary>Field n (1-based, as proc(5) numbers them) of /proc/PID/stat.</summary>
    public static string? Field(int pid, int n)
    {
        string? s = Try(() => File.ReadAllText($"/proc/{pid}/stat"));
        if (s == null) return null;
        string[] rest = s[(s.LastIndexOf(')') + 2)..].Split(' ');
        return rest[n - 3];
    }

    public static string? Status(int pid, string key)
    {
        string? s = Try(() => File.ReadAllText($"/proc/{pid}/status"));
        if (s == null) return null;
        foreach (string line in s.Split('\n'))
            if (line.StartsWith(key + ":")) return line[(key.Length + 1)..].Trim();
        return null;
    }

    public static int[] Fds(int pid) =>
        Try(() => Directory.GetFiles($"/proc/{pid}/fd").Select(f => int.Parse(Path.GetFileName(f))).OrderBy(x => x).ToArray()) ?? [];

    /// <summary>Whether fd of pid is close-on-exec (the flags: line of fdinfo, octal).</summary>
    public static bool Cloexec(int pid, int fd)
    {
        string? info = Try(() => File.ReadAllText($"/proc/{pid}/fdinfo/{fd}"));
        string? flags = info?.Split('\n').FirstOrDefault(l => l.StartsWith("flags:"))?[6..].Trim();
        return flags != null && (Convert.ToInt64(flags, 8) & 0x80000) != 0;
    }

    public static string? Cwd(int pid) => Try(() => new FileInfo($"/proc/{pid}/cwd").LinkTarget);

    public static IEnumerable<int> All()
    {
        foreach (string d in Directory.GetDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(d), out int pid)) yield return pid;
    }

    public static int[] Children(int pid) => All().Where(p => Ppid(p) == pid && Alive(p)).ToArray();

    private static T? Try<T>(Func<T> f)
    {
        try { return f(); }
        catch (IOException) { return default; }
        catch (UnauthorizedAccessException) { return default; }
        catch (FormatException) { return default; }
        catch (IndexOutOfRangeException) { return default; }
        catch (ArgumentOutOfRangeException) { return default; }
    }
}
