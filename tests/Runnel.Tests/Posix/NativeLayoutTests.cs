using System.Collections.Generic;
using System.IO;
using Runnel.Posix;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Posix;

/// <summary>
/// The C# layouts and constants of the POSIX layer, checked against what gcc
/// and this machine's headers say, never trusted from memory.
/// </summary>
public unsafe class NativeLayoutTests
{
    private const string Program = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stddef.h>
        #include <errno.h>
        #include <fcntl.h>
        #include <poll.h>
        #include <signal.h>
        #include <spawn.h>
        #include <time.h>
        #include <sys/file.h>
        #include <sys/inotify.h>
        #include <sys/signalfd.h>
        #include <sys/stat.h>
        #include <sys/wait.h>
        #define P(name, v) printf("%s %ld\n", name, (long)(v))
        int main(void) {
          P("sizeof stat", sizeof(struct stat));
          P("stat.st_ino", offsetof(struct stat, st_ino));
          P("stat.st_mode", offsetof(struct stat, st_mode));
          P("stat.st_uid", offsetof(struct stat, st_uid));
          P("stat.st_size", offsetof(struct stat, st_size));
          P("stat.st_mtim", offsetof(struct stat, st_mtim));
          P("sizeof sigset_t", sizeof(sigset_t));
          P("sizeof signalfd_siginfo", sizeof(struct signalfd_siginfo));
          P("ssi_pid", offsetof(struct signalfd_siginfo, ssi_pid));
          P("sizeof posix_spawnattr_t", sizeof(posix_spawnattr_t));
          P("sizeof posix_spawn_file_actions_t", sizeof(posix_spawn_file_actions_t));
          P("sizeof pollfd", sizeof(struct pollfd));
          P("sizeof timespec", sizeof(struct timespec));
          P("O_CREAT", O_CREAT); P("O_EXCL", O_EXCL); P("O_NOCTTY", O_NOCTTY); P("O_TRUNC", O_TRUNC);
          P("O_APPEND", O_APPEND); P("O_NONBLOCK", O_NONBLOCK); P("O_DIRECTORY", O_DIRECTORY);
          P("O_NOFOLLOW", O_NOFOLLOW); P("O_CLOEXEC", O_CLOEXEC);
          P("LOCK_EX", LOCK_EX); P("LOCK_NB", LOCK_NB); P("WNOHANG", WNOHANG);
          P("SIGCHLD", SIGCHLD); P("SIGCONT", SIGCONT); P("SIGSTOP", SIGSTOP); P("SIGUSR1", SIGUSR1);
          P("SIGUSR2", SIGUSR2); P("SIGPWR", SIGPWR); P("SIGWINCH", SIGWINCH);
          P("POSIX_SPAWN_SETSID", POSIX_SPAWN_SETSID); P("POSIX_SPAWN_SETSIGDEF", POSIX_SPAWN_SETSIGDEF);
          P("POSIX_SPAWN_SETSIGMASK", POSIX_SPAWN_SETSIGMASK); P("POSIX_SPAWN_SETPGROUP", POSIX_SPAWN_SETPGROUP);
          P("IN_DELETE", IN_DELETE); P("IN_MOVED_FROM", IN_MOVED_FROM); P("IN_ONLYDIR", IN_ONLYDIR);
          P("IN_MASK_ADD", IN_MASK_ADD); P("IN_CLOEXEC", IN_CLOEXEC);
          P("SFD_CLOEXEC", SFD_CLOEXEC); P("SFD_NONBLOCK", SFD_NONBLOCK);
          P("EAGAIN", EAGAIN); P("ENXIO", ENXIO); P("ENOSPC", ENOSPC); P("EDQUOT", EDQUOT);
          P("ETIMEDOUT", ETIMEDOUT); P("ECONNREFUSED", ECONNREFUSED); P("ELOOP", ELOOP);
          P("ENOTEMPTY", ENOTEMPTY); P("ENOLCK", ENOLCK); P("ENOSYS", ENOSYS);
          return 0;
        }
        """;

    private static Dictionary<string, long> Native()
    {
        using var t = new TempDir();
        File.WriteAllText(t["layout.c"], Program);
        var cc = Cmd.Run("gcc", "-o", t["layout"], t["layout.c"]);
        Assert.True(cc.ExitCode == 0, cc.ToString());
        var run = Cmd.Run(t["layout"]);
        var d = new Dictionary<string, long>();
        foreach (string line in run.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries))
        {
            int sp = line.LastIndexOf(' ');
            d[line[..sp]] = long.Parse(line[(sp + 1)..]);
        }
        return d;
    }

    private static readonly Dictionary<string, long> Ours = new()
    {
        ["sizeof stat"] = sizeof(Libc.Stat),
        ["stat.st_ino"] = 8,
        ["stat.st_mode"] = 24,
        ["stat.st_uid"] = 28,
        ["stat.st_size"] = 48,
        ["stat.st_mtim"] = 88,
        ["sizeof sigset_t"] = sizeof(Libc.SigSet),
        ["sizeof signalfd_siginfo"] = sizeof(Libc.SignalfdSiginfo),
        ["ssi_pid"] = 12,
        ["sizeof posix_spawnattr_t"] = sizeof(Libc.SpawnAttr),
        ["sizeof posix_spawn_file_actions_t"] = sizeof(Libc.SpawnFileActions),
        ["sizeof pollfd"] = sizeof(Libc.PollFd),
        ["sizeof timespec"] = sizeof(Libc.Timespec),
        ["O_CREAT"] = Libc.O_CREAT, ["O_EXCL"] = Libc.O_EXCL, ["O_NOCTTY"] = Libc.O_NOCTTY, ["O_TRUNC"] = Libc.O_TRUNC,
        ["O_APPEND"] = Libc.O_APPEND, ["O_NONBLOCK"] = Libc.O_NONBLOCK, ["O_DIRECTORY"] = Libc.O_DIRECTORY,
        ["O_NOFOLLOW"] = Libc.O_NOFOLLOW, ["O_CLOEXEC"] = Libc.O_CLOEXEC,
        ["LOCK_EX"] = Libc.LOCK_EX, ["LOCK_NB"] = Libc.LOCK_NB, ["WNOHANG"] = Libc.WNOHANG,
        ["SIGCHLD"] = Libc.SIGCHLD, ["SIGCONT"] = Libc.SIGCONT, ["SIGSTOP"] = Libc.SIGSTOP, ["SIGUSR1"] = Libc.SIGUSR1,
        ["SIGUSR2"] = Libc.SIGUSR2, ["SIGPWR"] = Libc.SIGPWR, ["SIGWINCH"] = Libc.SIGWINCH,
        ["POSIX_SPAWN_SETSID"] = Libc.POSIX_SPAWN_SETSID, ["POSIX_SPAWN_SETSIGDEF"] = Libc.POSIX_SPAWN_SETSIGDEF,
        ["POSIX_SPAWN_SETSIGMASK"] = Libc.POSIX_SPAWN_SETSIGMASK, ["POSIX_SPAWN_SETPGROUP"] = Libc.POSIX_SPAWN_SETPGROUP,
        ["IN_DELETE"] = Libc.IN_DELETE, ["IN_MOVED_FROM"] = Libc.IN_MOVED_FROM, ["IN_ONLYDIR"] = Libc.IN_ONLYDIR,
        ["IN_MASK_ADD"] = Libc.IN_MASK_ADD, ["IN_CLOEXEC"] = Libc.IN_CLOEXEC,
        ["SFD_CLOEXEC"] = Libc.SFD_CLOEXEC, ["SFD_NONBLOCK"] = Libc.SFD_NONBLOCK,
        ["EAGAIN"] = Errors.EAGAIN, ["ENXIO"] = Errors.ENXIO, ["ENOSPC"] = Errors.ENOSPC, ["EDQUOT"] = Errors.EDQUOT,
        ["ETIMEDOUT"] = Errors.ETIMEDOUT, ["ECONNREFUSED"] = Errors.ECONNREFUSED, ["ELOOP"] = Errors.ELOOP,
        ["ENOTEMPTY"] = Errors.ENOTEMPTY, ["ENOLCK"] = Errors.ENOLCK, ["ENOSYS"] = Errors.ENOSYS,
    };

    [Fact]
    public void LayoutsAndConstantsMatchTheCHeaders()
    {
        var native = Native();
        Assert.Equal(Ours.Count, native.Count);
        foreach (var (name, value) in Ours) Assert.True(native[name] == value, $"{name}: C says {native[name]}, runnel has {value}");
    }

    [Fact]
    public void StatFieldOffsetsAreWhereTheStructPutsThem()
    {
        Libc.Stat st = default;
        byte* b = (byte*)&st;
        Assert.Equal(8, (byte*)&st.Ino - b);
        Assert.Equal(24, (byte*)&st.Mode - b);
        Assert.Equal(28, (byte*)&st.Uid - b);
        Assert.Equal(48, (byte*)&st.Size - b);
        Assert.Equal(88, (byte*)&st.MtimeSec - b);
        Libc.SignalfdSiginfo si = default;
        Assert.Equal(12, (byte*)&si.Pid - (byte*)&si);
    }

    [Fact]
    public void ErrorWordingIsRunitsNotStrerror()
    {
        Assert.Equal("file does not exist", Errors.Str(Errors.ENOENT));
        Assert.Equal("temporary failure", Errors.Str(Errors.EAGAIN));
        Assert.Equal("access denied", Errors.Str(Errors.EACCES));
        Assert.Equal("device not configured", Errors.Str(Errors.ENXIO));
    }
}
