using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Runnel.Posix;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsv;

/// <summary>
/// runnel runsv's readiness (notification-fd, s6's convention) and the rich
/// status it keeps in supervise/info.
/// </summary>
public class RunsvReadinessTests
{
    private static ServiceInfo Info(RunsvProcess rs, string sup = "supervise")
    {
        Assert.True(ServiceInfo.TryRead(rs.Path(sup), out var i), $"{sup}/info readable");
        return i;
    }

    private static ServiceInfo WaitInfo(RunsvProcess rs, Func<ServiceInfo, bool> ok, string what, string sup = "supervise") =>
        Wait.For(() => ServiceInfo.TryRead(rs.Path(sup), out var i) ? i : ServiceInfo.Empty, ok, what, 15_000);

    /// <summary>The pipe inodes ("pipe:[N]") a process holds, by fd.</summary>
    private static Dictionary<int, string> Pipes(string fdListing) =>
        fdListing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2 && p[1].StartsWith("pipe:"))
            .ToDictionary(p => int.Parse(p[0]), p => p[1]);

    /// <summary>Shell that writes "FD TARGET" lines for its own fds into FILE.</summary>
    private static string ListFds(string file) =>
        $"for f in /proc/$$/fd/*; do echo \"${{f##*/}} $(readlink $f)\"; done > {file}.tmp; mv {file}.tmp {file}";

    [Fact]
    public void ReadinessIsRecordedAfterTheServiceSignals()
    {
        using var t = new TempDir();
        t.Write("svc/notification-fd", "3\n");
        t.Script("svc/run", "sleep 1; echo ready >&3; exec sleep 1000");
        long before = ServiceInfo.NowNs();
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        var i = WaitInfo(rs, x => x.ReadyNs != 0, "ready recorded");
        long after = ServiceInfo.NowNs();
        Assert.Equal(pid, i.Pid);
        Assert.Equal(3, i.NotifyFd);
        Assert.True(i.Ready);
        // The run slept a second before it signalled; all of it happened while the test watched.
        Assert.InRange(i.ReadyAfterNs, 900_000_000L, after - before);
        Assert.InRange(i.StartNs, before, after);
        Assert.Equal(0UL, i.Restarts);
        Assert.Equal(ExitKind.None, i.LastExit);
        Assert.Empty(rs.Stderr);
    }

    [Fact]
    public void LogServiceSignalsReadinessTheSameWay()
    {
        using var t = new TempDir();
        t.Script("svc/run", "exec sleep 1000");
        t.Write("svc/log/notification-fd", "7\n\n# s6 reads up to the first newline\n");
        t.Script("svc/log/run", "echo >&7; exec cat > /dev/null");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int logPid = rs.WaitRunning(sup: "log/supervise");
        var i = WaitInfo(rs, x => x.ReadyNs != 0, "log ready", "log/supervise");
        Assert.Equal(logPid, i.Pid);
        Assert.Equal(7, i.NotifyFd);
        // The service itself declared nothing.
        Assert.Equal(-1, Info(rs).NotifyFd);
        Assert.Equal(0, Info(rs).ReadyNs);
    }

    /// <summary>EOF without a newline is not readiness; runsv closes its end and keeps supervising.</summary>
    [Fact]
    public void ClosingTheFdWithoutNewlineIsNotReady()
    {
        using var t = new TempDir();
        t.Write("svc/notification-fd", "4");
        t.Script("svc/run", ListFds("run.fds") + "\nprintf 'no newline' >&4; exec 4>&-; exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        Wait.Until(() => File.Exists(t["svc/run.fds"]), "run listed its fds");
        string pipe = Pipes(File.ReadAllText(t["svc/run.fds"]))[4];
        Wait.For(() => FdsOf(rs.Process.Id), f => !f.Contains(pipe), "runsv to close the readiness pipe");
        var i = Info(rs);
        Assert.Equal(pid, i.Pid);
        Assert.Equal(4, i.NotifyFd);
        Assert.Equal(0, i.ReadyNs);
        Assert.False(i.Ready);
    }

    private static string FdsOf(int pid)
    {
        var b = new StringBuilder();
        foreach (string f in Directory.GetFileSystemEntries($"/proc/{pid}/fd"))
        {
            try { b.Append(Path.GetFileName(f)).Append(' ').Append(new FileInfo(f).LinkTarget).Append('\n'); }
            catch (IOException) { }
        }
        return b.ToString();
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0\n")]
    [InlineData("three")]
    [InlineData("")]
    [InlineData(" 3")]
    [InlineData("\n3")]
    [InlineData("3 \n")]
    [InlineData("99999999999")]
    [InlineData("2147483647")]
    public void InvalidNotificationFdWarnsAndTheServiceRunsWithoutReadiness(string content)
    {
        using var t = new TempDir();
        t.Write("svc/notification-fd", content);
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        Wait.Until(() => rs.Stderr.Length > 0, "warning");
        Assert.Matches($"^runsv {System.Text.RegularExpressions.Regex.Escape(t["svc"])}: warning: ignoring notification-fd: " +
            @"not a number from 3 to \d+, readiness not tracked\n$", rs.Stderr);
        var i = WaitInfo(rs, x => x.Pid == pid, "info for the run");
        Assert.Equal(-1, i.NotifyFd);
        Assert.Equal(0, i.ReadyNs);
    }

    [Fact]
    public void UnreadableNotificationFdWarnsWithTheReason()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["svc/notification-fd"]);
        t.Script("svc/run", "exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        rs.WaitRunning();
        Wait.Until(() => rs.Stderr.Length > 0, "warning");
        Assert.Equal($"runsv {t["svc"]}: warning: unable to read notification-fd: is a directory\n", rs.Stderr);
    }

    /// <summary>notification-fd is read at each start: one added later takes effect at the next.</summary>
    [Fact]
    public void NotificationFdAddedLaterCountsFromTheNextStart()
    {
        using var t = new TempDir();
        t.Script("svc/run", "test -e notification-fd && echo >&5; exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        Assert.Equal(-1, WaitInfo(rs, x => x.Pid == pid, "info").NotifyFd);
        t.Write("svc/notification-fd", "5\n");
        Cmd.Sh($"kill {pid}");
        pid = rs.WaitRunning(pid);
        var i = WaitInfo(rs, x => x.Pid == pid && x.ReadyNs != 0, "ready after restart");
        Assert.Equal(5, i.NotifyFd);
        Assert.Equal(1UL, i.Restarts);
    }

    /// <summary>
    /// Only ./run gets its pipe: the log's run, control/t, ./finish and sv's
    /// ./check never hold it (each started while it is open), nor does ./run
    /// hold the log's; runsv itself keeps the read ends.
    /// </summary>
    [Fact]
    public async System.Threading.Tasks.Task ReadinessPipeLeaksToNoOtherChild()
    {
        using var t = new TempDir();
        t.Write("svc/notification-fd", "3");
        t.Write("svc/log/notification-fd", "4");
        t.Script("svc/run", ListFds("run.fds") + "\nwhile ! test -e go; do sleep 0.05; done; echo >&3; exec sleep 1000");
        t.Script("svc/finish", ListFds("finish.fds"));
        t.Script("svc/check", ListFds("check.fds"));
        t.Script("svc/control/t", ListFds("control.fds") + "; exit 1");
        t.Script("svc/log/run", ListFds("../log.fds") + "; exec cat > /dev/null");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        int logPid = rs.WaitRunning(sup: "log/supervise");
        Wait.Until(() => File.Exists(t["svc/run.fds"]) && File.Exists(t["svc/log.fds"]), "run and log listed their fds");
        string runPipe = Pipes(File.ReadAllText(t["svc/run.fds"]))[3];
        string logPipe = Pipes(File.ReadAllText(t["svc/log.fds"]))[4];
        Assert.NotEqual(runPipe, logPipe);
        var held = Pipes(FdsOf(rs.Process.Id)).Values;
        Assert.Contains(runPipe, held);
        Assert.Contains(logPipe, held);
        Assert.DoesNotContain(logPipe, File.ReadAllText(t["svc/run.fds"]));

        File.Delete(t["svc/log.fds"]);
        Cmd.Sh($"kill -9 {logPid}");
        Wait.Until(() => File.Exists(t["svc/log.fds"]), "the log restarted");
        Assert.DoesNotContain(runPipe, File.ReadAllText(t["svc/log.fds"]));
        logPipe = Pipes(File.ReadAllText(t["svc/log.fds"]))[4];

        File.Delete(t["svc/run.fds"]);
        rs.Control("t");
        Wait.Until(() => File.Exists(t["svc/finish.fds"]) && File.Exists(t["svc/control.fds"]), "control/t and finish ran");
        foreach (string who in new[] { "control", "finish" })
        {
            string fds = File.ReadAllText(t[$"svc/{who}.fds"]);
            Assert.DoesNotContain(runPipe, fds);
            Assert.DoesNotContain(logPipe, fds);
        }

        rs.WaitRunning(pid);
        Wait.Until(() => File.Exists(t["svc/run.fds"]), "the new run listed its fds");
        runPipe = Pipes(File.ReadAllText(t["svc/run.fds"]))[3];
        var sv = System.Threading.Tasks.Task.Run(() => Cmd.Run(Paths.Tool("sv"), "-w", "20", "check", t["svc"]));
        File.WriteAllText(t["svc/go"], "");
        var r = await sv;
        Assert.Equal(0, r.ExitCode);
        string check = File.ReadAllText(t["svc/check.fds"]);
        Assert.DoesNotContain(runPipe, check);
        Assert.DoesNotContain(logPipe, check);
    }

    [Fact]
    public void RestartsAndLastExitCodeOrSignal()
    {
        using var t = new TempDir();
        t.Script("svc/run", "echo >> starts; test -e exited || { touch exited; exit 3; }; exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        var i = WaitInfo(rs, x => x.Restarts == 1 && x.Pid != 0, "info for the second run");
        int pid = rs.WaitRunning();
        Assert.Equal(i.Pid, pid);
        Assert.Equal(ExitKind.Exit, i.LastExit);
        Assert.Equal(3, i.LastExitValue);
        Assert.Equal(1UL, i.Restarts);
        Assert.InRange(i.LastExitNs, 1, i.StartNs);

        Cmd.Sh($"kill -9 {pid}");
        pid = rs.WaitRunning(pid);
        i = WaitInfo(rs, x => x.Pid == pid, "info for the third run");
        Assert.Equal(ExitKind.Signal, i.LastExit);
        Assert.Equal(9, i.LastExitValue);
        Assert.Equal(2UL, i.Restarts);
        Assert.Equal(3, File.ReadAllLines(t["svc/starts"]).Length);

        rs.Control("d");
        rs.WaitStat("down\n");
        i = WaitInfo(rs, x => x.Pid == 0, "info after down");
        Assert.Equal(ExitKind.Signal, i.LastExit);
        Assert.Equal(15, i.LastExitValue);
        Assert.Equal("exit=signal 15", i.Format().Split('\n')[4]);
    }

    /// <summary>While ./finish runs, info's pid is 0 (no ./run) and the exit is ./run's, not ./finish's.</summary>
    [Fact]
    public void FinishIsNotTheRun()
    {
        using var t = new TempDir();
        t.Write("svc/down", "");
        t.Script("svc/run", "exit 4");
        t.Script("svc/finish", "exec sleep 1000");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        rs.WaitStat("down\n");
        Assert.Equal(0, Info(rs).StartNs);
        rs.Control("o");
        rs.WaitStat("finish, want down\n");
        var i = WaitInfo(rs, x => x.LastExit != ExitKind.None, "run's exit");
        Assert.Equal(0, i.Pid);
        Assert.Equal(4, i.LastExitValue);
        Cmd.Sh($"kill -9 {rs.Pid()}");
        rs.WaitStat("down\n");
        i = Info(rs);
        Assert.Equal(ExitKind.Exit, i.LastExit);
        Assert.Equal(4, i.LastExitValue);
    }

    /// <summary>info only ever appears by rename (info.new): a reader never sees it half-written.</summary>
    [Fact]
    public unsafe void InfoIsWrittenOnlyByRename()
    {
        using var t = new TempDir();
        t.Write("svc/notification-fd", "3");
        t.Script("svc/run", "echo >&3; sleep 0.2; exit 1");
        Directory.CreateDirectory(t["svc/supervise"]);
        int ino = Libc.inotify_init1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC);
        Assert.True(ino >= 0);
        try
        {
            Assert.True(Libc.inotify_add_watch(ino, t["svc/supervise"], Libc.IN_CLOSE_WRITE | Libc.IN_MODIFY | Libc.IN_MOVED_TO) >= 0);
            using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
            var i = WaitInfo(rs, x => x.Restarts >= 2 && x.ReadyNs != 0, "three runs, the last ready");
            var events = ReadEvents(ino);
            Assert.Contains(("info", Libc.IN_MOVED_TO), events);
            Assert.DoesNotContain(events, e => e.Name == "info" && e.Mask != Libc.IN_MOVED_TO);
            Assert.Contains(events, e => e.Name == "info.new" && e.Mask == Libc.IN_CLOSE_WRITE);
            Assert.False(File.Exists(t["svc/supervise/info.new"]));
        }
        finally { Libc.close(ino); }
    }

    private static unsafe List<(string Name, uint Mask)> ReadEvents(int fd)
    {
        var list = new List<(string, uint)>();
        var buf = new byte[64 * 1024];
        nint n;
        fixed (byte* p = buf)
            while ((n = Libc.read(fd, p, buf.Length)) > 0)
                for (int off = 0; off < n;)
                {
                    var ev = *(Libc.InotifyEvent*)(p + off);
                    var name = new ReadOnlySpan<byte>(p + off + sizeof(Libc.InotifyEvent), (int)ev.Len);
                    int nul = name.IndexOf((byte)0);
                    list.Add((Encoding.ASCII.GetString(nul >= 0 ? name[..nul] : name), ev.Mask));
                    off += sizeof(Libc.InotifyEvent) + (int)ev.Len;
                }
        return list;
    }

    /// <summary>supervise/ removed under a running runsv: the rebuilt one has info too, current.</summary>
    [Fact]
    public void InfoIsRewrittenAfterSuperviseIsRemoved()
    {
        using var t = new TempDir();
        t.Write("svc/notification-fd", "3");
        t.Script("svc/run", "echo >&3; exec sleep 1000");
        t.Script("svc/log/run", "exec cat > /dev/null");
        using var rs = new RunsvProcess(Flavour.Runnel, t["svc"]);
        int pid = rs.WaitRunning();
        int logPid = rs.WaitRunning(sup: "log/supervise");
        WaitInfo(rs, x => x.ReadyNs != 0, "ready");
        Directory.Delete(t["svc/supervise"], recursive: true);
        Directory.Delete(t["svc/log/supervise"], recursive: true);
        Cmd.Sh($"kill -9 {pid}; kill {logPid}");
        int newPid = rs.WaitRunning(pid);
        int newLog = rs.WaitRunning(logPid, "log/supervise");
        var i = WaitInfo(rs, x => x.Pid == newPid && x.ReadyNs != 0, "info of the new run");
        Assert.Equal(ExitKind.Signal, i.LastExit);
        Assert.Equal(9, i.LastExitValue);
        Assert.Equal(1UL, i.Restarts);
        var l = WaitInfo(rs, x => x.Pid == newLog, "log info", "log/supervise");
        Assert.Equal(ExitKind.Signal, l.LastExit);
        Assert.Equal(15, l.LastExitValue);
        Assert.False(rs.Exited);
    }
}
