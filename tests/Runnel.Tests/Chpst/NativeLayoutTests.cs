using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Runnel.Posix;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Chpst;

/// <summary>Every struct layout and constant chpst and utmpset use, compared with gcc's view of the headers.</summary>
public class NativeLayoutTests
{
    private static Dictionary<string, string> Gcc()
    {
        using var t = new TempDir("layout");
        string src = Path.Combine(Paths.RepoRoot, "tests", "Runnel.Tests", "Chpst", "layout.c");
        CmdResult cc = Cmd.Run("gcc", "-o", t["layout"], src);
        Assert.True(cc.ExitCode == 0, cc.ToString());
        CmdResult run = Cmd.Run(t["layout"]);
        Assert.Equal(0, run.ExitCode);
        var d = new Dictionary<string, string>();
        foreach (string line in run.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries))
        {
            int sp = line.IndexOf(' ');
            d[line[..sp]] = line[(sp + 1)..];
        }
        return d;
    }

    [Fact]
    public unsafe void MatchesGcc()
    {
        var c = Gcc();
        var mine = new Dictionary<string, object>
        {
            ["utmp.size"] = Libc.Utmp.Size,
            ["utmp.ut_type"] = Libc.Utmp.TypeOffset,
            ["utmp.ut_type.size"] = sizeof(short),
            ["utmp.ut_line"] = Libc.Utmp.LineOffset,
            ["utmp.ut_line.size"] = Libc.Utmp.LineSize,
            ["utmp.ut_user"] = Libc.Utmp.UserOffset,
            ["utmp.ut_user.size"] = Libc.Utmp.UserSize,
            ["utmp.ut_host"] = Libc.Utmp.HostOffset,
            ["utmp.ut_host.size"] = Libc.Utmp.HostSize,
            ["utmp.ut_tv.tv_sec"] = Libc.Utmp.TvSecOffset,
            ["utmp.ut_tv.tv_sec.size"] = 4,
            ["DEAD_PROCESS"] = Libc.DEAD_PROCESS,
            ["_PATH_UTMP"] = Libc.PATH_UTMP,
            ["_PATH_WTMP"] = Libc.PATH_WTMP,
            ["rlimit.size"] = sizeof(Libc.Rlimit),
            ["rlimit.rlim_cur"] = Marshal.OffsetOf<Libc.Rlimit>(nameof(Libc.Rlimit.Cur)),
            ["rlimit.rlim_max"] = Marshal.OffsetOf<Libc.Rlimit>(nameof(Libc.Rlimit.Max)),
            ["RLIMIT_CPU"] = Libc.RLIMIT_CPU,
            ["RLIMIT_FSIZE"] = Libc.RLIMIT_FSIZE,
            ["RLIMIT_DATA"] = Libc.RLIMIT_DATA,
            ["RLIMIT_STACK"] = Libc.RLIMIT_STACK,
            ["RLIMIT_CORE"] = Libc.RLIMIT_CORE,
            ["RLIMIT_RSS"] = Libc.RLIMIT_RSS,
            ["RLIMIT_NPROC"] = Libc.RLIMIT_NPROC,
            ["RLIMIT_NOFILE"] = Libc.RLIMIT_NOFILE,
            ["RLIMIT_MEMLOCK"] = Libc.RLIMIT_MEMLOCK,
            ["RLIMIT_AS"] = Libc.RLIMIT_AS,
            ["passwd.size"] = sizeof(Libc.Passwd),
            ["passwd.pw_name"] = Marshal.OffsetOf<Libc.Passwd>(nameof(Libc.Passwd.Name)),
            ["passwd.pw_uid"] = Marshal.OffsetOf<Libc.Passwd>(nameof(Libc.Passwd.Uid)),
            ["passwd.pw_gid"] = Marshal.OffsetOf<Libc.Passwd>(nameof(Libc.Passwd.Gid)),
            ["group.size"] = sizeof(Libc.Group),
            ["group.gr_name"] = Marshal.OffsetOf<Libc.Group>(nameof(Libc.Group.Name)),
            ["group.gr_gid"] = Marshal.OffsetOf<Libc.Group>(nameof(Libc.Group.Gid)),
            ["gid_t.size"] = sizeof(uint),
            ["sigaction.size"] = sizeof(Libc.SigAction),
            ["sigaction.sa_handler"] = Marshal.OffsetOf<Libc.SigAction>(nameof(Libc.SigAction.Handler)),
            ["sigaction.sa_mask"] = Marshal.OffsetOf<Libc.SigAction>(nameof(Libc.SigAction.Mask)),
            ["sigaction.sa_flags"] = Marshal.OffsetOf<Libc.SigAction>(nameof(Libc.SigAction.Flags)),
            ["sigaction.sa_restorer"] = Marshal.OffsetOf<Libc.SigAction>(nameof(Libc.SigAction.Restorer)),
            ["sigset_t.size"] = sizeof(Libc.SigSet),
            ["SIG_DFL"] = Libc.SIG_DFL,
            ["SIG_IGN"] = Libc.SIG_IGN,
            ["SIG_SETMASK"] = Libc.SIG_SETMASK,
            ["SIGPIPE"] = Libc.SIGPIPE,
            ["dirent.d_name"] = Libc.DirentNameOffset,
            ["O_WRONLY"] = Libc.O_WRONLY,
            ["O_RDWR"] = Libc.O_RDWR,
            ["O_NONBLOCK"] = Libc.O_NONBLOCK,
            ["O_APPEND"] = Libc.O_APPEND,
            ["O_CREAT"] = Libc.O_CREAT,
            ["O_CLOEXEC"] = Libc.O_CLOEXEC,
            ["LOCK_EX"] = Libc.LOCK_EX,
            ["LOCK_NB"] = Libc.LOCK_NB,
        };
        Assert.Equal(c.Keys.Count, mine.Count);
        foreach (var (k, v) in mine)
            Assert.True(c[k] == v.ToString(), $"{k}: gcc {c[k]}, runnel {v}");
    }
}
