using System.Collections.Generic;

namespace Runnel.Tools.Runsvdir;

/// <summary>One service: a directory known by device and inode, as runit identifies it.</summary>
internal sealed class Service
{
    public ulong Dev, Ino;
    /// <summary>The name it was last seen under in the services directory.</summary>
    public string Name = "";
    /// <summary>Its runsv, 0 when none runs.</summary>
    public int Pid;
    public bool Seen;
    /// <summary>Monotonic ms when its runsv was started (restart backoff).</summary>
    public long StartedMs;
    /// <summary>Monotonic ms at which to start runsv again; 0: not waiting.</summary>
    public long RetryAtMs;

    public (ulong, ulong) Key => (Dev, Ino);
}

/// <summary>
/// The services runsvdir monitors, found by (dev, ino) and by runsv pid in
/// constant time, so ten thousand services cost what ten do per event.
/// </summary>
internal sealed class ServiceTable
{
    private readonly List<Service> _list = new();
    private readonly Dictionary<(ulong, ulong), Service> _byKey = new();
    private readonly Dictionary<int, Service> _byPid = new();
    /// <summary>runsv processes sent TERM for a removed directory, not yet reaped.</summary>
    private readonly Dictionary<int, (ulong, ulong)> _stopping = new();
    private readonly Dictionary<(ulong, ulong), int> _stoppingByKey = new();

    internal int Count => _list.Count;
    internal List<Service> All => _list;

    internal Service? Find(ulong dev, ulong ino) => _byKey.GetValueOrDefault((dev, ino));

    internal Service Add(ulong dev, ulong ino, string name)
    {
        var s = new Service { Dev = dev, Ino = ino, Name = name, Seen = true };
        _list.Add(s);
        _byKey[s.Key] = s;
        return s;
    }

    internal void SetPid(Service s, int pid)
    {
        if (s.Pid != 0) _byPid.Remove(s.Pid);
        s.Pid = pid;
        if (pid != 0) _byPid[pid] = s;
    }

    /// <summary>True while a TERMed runsv of the same directory is still alive (it holds supervise/lock).</summary>
    internal bool OldRunsvAlive(Service s) => _stoppingByKey.ContainsKey(s.Key);

    /// <summary>Drops the services not seen by the last scan; their runsv pids are returned for TERM.</summary>
    internal void RemoveUnseen(List<int> toTerm)
    {
        for (int i = _list.Count - 1; i >= 0; i--)
        {
            Service s = _list[i];
            if (s.Seen) continue;
            _list[i] = _list[^1];
            _list.RemoveAt(_list.Count - 1);
            _byKey.Remove(s.Key);
            if (s.Pid == 0) continue;
            _byPid.Remove(s.Pid);
            _stopping[s.Pid] = s.Key;
            _stoppingByKey[s.Key] = s.Pid;
            toTerm.Add(s.Pid);
        }
    }

    /// <summary>A reaped pid: its service (now without runsv), or null; <paramref name="freed"/> is a
    /// service whose old runsv just went away so a new one may start.</summary>
    internal Service? Reaped(int pid, out Service? freed)
    {
        freed = null;
        if (_byPid.Remove(pid, out Service? s))
        {
            s.Pid = 0;
            return s;
        }
        if (_stopping.Remove(pid, out var key))
        {
            _stoppingByKey.Remove(key);
            freed = _byKey.GetValueOrDefault(key);
        }
        return null;
    }
}
