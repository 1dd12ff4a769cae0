using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Runsv;

internal sealed unsafe partial class Supervisor
{
    /// <summary>One control byte, as C runsv's ctrl(); unknown bytes are ignored.</summary>
    internal void Control(Service s, byte c)
    {
        bool running = s.State == ServiceState.Run;
        switch ((char)c)
        {
            case 'd':
                s.Want = Want.Down;
                s.OncePending = false;
                UpdateStatus(s);
                if (running) StopService(s);
                break;
            case 'u':
                s.Want = Want.Up;
                UpdateStatus(s);
                // A pending throttled restart stays throttled; the loop starts it when due.
                break;
            case 'x':
                if (s.IsLog) break;
                s.Want = Want.Exit;
                UpdateStatus(s);
                if (running) StopService(s);
                break;
            case 't':
                if (running) StopService(s);
                break;
            case 'k':
                if (running && !Custom(s, c)) Kill(s, Libc.SIGKILL);
                s.State = ServiceState.Down;
                break;
            case 'p':
                if (running && !Custom(s, c)) Kill(s, Libc.SIGSTOP);
                s.Paused = true;
                UpdateStatus(s);
                break;
            case 'c':
                if (running && !Custom(s, c)) Kill(s, Libc.SIGCONT);
                s.Paused = false;
                UpdateStatus(s);
                break;
            case 'o':
                s.Want = Want.Down;
                UpdateStatus(s);
                if (s.State == ServiceState.Down && s.Pid == 0) s.OncePending = true;
                break;
            case 'a': Signal(s, c, Libc.SIGALRM); break;
            case 'h': Signal(s, c, Libc.SIGHUP); break;
            case 'i': Signal(s, c, Libc.SIGINT); break;
            case 'q': Signal(s, c, Libc.SIGQUIT); break;
            case '1': Signal(s, c, Libc.SIGUSR1); break;
            case '2': Signal(s, c, Libc.SIGUSR2); break;
        }
    }

    private void Signal(Service s, byte c, int sig)
    {
        if (s.State == ServiceState.Run && !Custom(s, c)) Kill(s, sig);
    }

    private static void Kill(Service s, int sig)
    {
        // pid 0 would signal runsv's whole process group.
        if (s.Pid > 0) Libc.kill(s.Pid, sig);
    }

    /// <summary>TERM (unless control/t says otherwise), then CONT and control/d or control/x.</summary>
    private void StopService(Service s)
    {
        if (s.Pid != 0 && !Custom(s, (byte)'t'))
        {
            Kill(s, Libc.SIGTERM);
            s.GotTerm = true;
            UpdateStatus(s);
        }
        if (s.Want == Want.Down)
        {
            Kill(s, Libc.SIGCONT);
            Custom(s, (byte)'d');
        }
        else if (s.Want == Want.Exit)
        {
            Kill(s, Libc.SIGCONT);
            Custom(s, (byte)'x');
        }
    }

    /// <summary>Starts ./run (or ./finish with the exit code and signal of ./run).</summary>
    private void StartService(Service s)
    {
        string[] argv;
        if (s.State == ServiceState.Finish)
        {
            int w = s.WaitStatus;
            string code = (w & 0x7f) != 0 ? "-1" : ((w >> 8) & 0xff).ToString();
            argv = ["./finish", code, (w & 0xff).ToString()];
        }
        else
        {
            argv = ["./run"];
            Custom(s, (byte)'u');
        }
        if (s.Pid != 0) StopService(s);
        s.OncePending = false;

        var o = SpawnOptions.Default;
        if (_log != null)
        {
            if (s.IsLog)
            {
                o.Stdin = _logRead;
                o.Chdir = "./log";
            }
            else o.Stdout = _logWrite;
        }
        bool run = s.State != ServiceState.Finish;
        var (notifyWrite, notifyTo) = run ? OpenNotify(s) : (-1, -1);
        if (notifyWrite >= 0) o.ExtraFds = [(notifyWrite, notifyTo)];
        int err = Spawner.Spawn(argv[0], argv, o, out int pid);
        // Only the child holds the write end: its exit (or close) is EOF here.
        Fd.Close(notifyWrite);

        if (run)
        {
            s.Start = Tai64n.Now();
            s.State = ServiceState.Run;
            RunStarted(s);
        }
        s.Paused = s.GotTerm = false;
        s.Pid = err == 0 ? pid : 0;
        s.PidChanged = true;
        s.RunActive = run;
        // info before status: a client that sees the new pid in status finds it in info too.
        if (run) UpdateInfo(s);
        UpdateStatus(s);
        if (err != 0)
        {
            // C's forked child would print this and exit 111: behave exactly as if it had.
            Report.ChildFatal(s.IsLog ? "unable to start log/" : "unable to start ", argv[0], err);
            ServiceExited(s, 111 << 8);
        }
    }

    /// <summary>
    /// Runs control/c if it is executable and waits for it; true when it
    /// exited 0, meaning runsv must not send its own signal.
    /// </summary>
    private bool Custom(Service s, byte c)
    {
        if (s.IsLog) return false;
        string path = "control/" + (char)c;
        if (!Fd.Stat(path, out Libc.Stat st))
        {
            int e = Libc.Errno;
            if (e != Errors.ENOENT) Report.Warn2("unable to stat ", path, e);
            return false;
        }
        if ((st.Mode & 0x40) == 0) return false;
        var o = SpawnOptions.Default;
        if (_log != null) o.Stdout = _logWrite;
        int err = Spawner.Spawn(path, [path], o, out int pid);
        if (err != 0)
        {
            Report.ChildFatal("unable to run control/?", "", err);
            return false;
        }
        int status;
        while (Libc.waitpid(pid, &status, 0) == -1)
        {
            if (Libc.Errno == Errors.EINTR) continue;
            Report.Warn2("unable to wait for child ", path, Libc.Errno);
            return false;
        }
        return ((status >> 8) & 0xff) == 0;
    }
}
