using System;
using System.Collections.Generic;
using System.IO;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Runnel.Tests.Sv;

namespace Runnel.Tests.Status;

/// <summary>
/// A services dir of hand-made supervise/ dirs (status written with
/// StatusRecord.Encode, ok FIFOs with and without a reader, info present or not):
///   api     run pid 4242 for 2h05m, info: ready after 150 ms, 3 restarts, last exit code 2; log/ runs
///   db      down, want up, for 1d01h; info: last exit signal 9, no notification-fd
///   cron    run pid 77, paused, want down; no info
///   idle    no runsv (ok without reader), ./down present
///   worker  run pid 88 -> a symlink to a dir elsewhere; info: notify 4, not ready yet
///   .hidden, file, dangling: not services
/// </summary>
internal sealed class SvlsFixture : IDisposable
{
    public TempDir Dir { get; } = new("runnel-svls");
    private readonly List<FakeService> _fakes = [];
    public string Svc => Dir["svc"];
    public static readonly long ApiStartNs = 1_764_000_000L * 1_000_000_000L;

    public SvlsFixture()
    {
        Directory.CreateDirectory(Svc);
        var api = Fake("svc/api");
        api.SetStatus(ServiceState.Run, pid: 4242, agoSeconds: 7500);
        Info(api, new ServiceInfo(4242, ApiStartNs, 3, ExitKind.Exit, 2, ApiStartNs - 1, 3, ApiStartNs + 150_000_000));
        Fake("svc/api/log").SetStatus(ServiceState.Run, pid: 4243, agoSeconds: 7600);
        var db = Fake("svc/db");
        db.SetStatus(ServiceState.Down, want: 'u', agoSeconds: 90000);
        Info(db, new ServiceInfo(0, 0, 0, ExitKind.Signal, 9, ApiStartNs, -1, 0));
        Fake("svc/cron").SetStatus(ServiceState.Run, pid: 77, want: 'd', paused: true, agoSeconds: 4000);
        var idle = Fake("svc/idle", running: false);
        idle.SetStatus(ServiceState.Down, want: 'd');
        File.WriteAllText(Dir["svc/idle/down"], "");
        var worker = Fake("elsewhere/worker");
        worker.SetStatus(ServiceState.Run, pid: 88, agoSeconds: 10);
        Info(worker, new ServiceInfo(88, ApiStartNs, 0, ExitKind.None, 0, 0, 4, 0));
        File.CreateSymbolicLink(Dir["svc/worker"], Dir["elsewhere/worker"]);
        Fake("svc/.hidden").SetStatus(ServiceState.Down, want: 'u');
        File.WriteAllText(Dir["svc/file"], "not a service");
        File.CreateSymbolicLink(Dir["svc/dangling"], Dir["nothing"]);
    }

    public FakeService Fake(string rel, bool running = true)
    {
        var f = new FakeService(Dir[rel], running);
        _fakes.Add(f);
        return f;
    }

    private static void Info(FakeService f, ServiceInfo i)
    {
        File.WriteAllText(Path.Combine(f.Dir, "supervise", ServiceInfo.FileName), i.Format());
    }

    public void Dispose()
    {
        foreach (var f in _fakes) f.Dispose();
        Dir.Dispose();
    }
}
