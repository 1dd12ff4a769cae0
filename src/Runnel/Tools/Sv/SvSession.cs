using System;
using Runnel.Common;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Sv;

/// <summary>
/// One sv run: the services, the exit count, stdout assembled and flushed at
/// the points runit's sv flushes it, and the last status record read (kept
/// across reads: a failed or short read leaves the old bytes, as in C, and
/// what is printed then is what C prints). sv works inside each service
/// directory (chdir), so every supervise/ path here is relative.
/// </summary>
internal sealed partial class SvSession
{
    private readonly SvArgs _a;
    private readonly OutBuf _out = new(1, 512);
    private readonly byte[] _status = new byte[StatusRecord.Size];
    private readonly string? _svdirEnv;
    private int _curdir = -1;
    private int _rc;
    private bool _isLog;
    /// <summary>The service argument being worked on, as given (messages name it so).</summary>
    private string _service = "";
    private ulong _tstart, _tnow;

    internal SvSession(SvArgs a, string? svdirEnv)
    {
        _a = a;
        _svdirEnv = svdirEnv;
    }

    internal int Rc => _rc > 99 ? 99 : _rc;

    // ---- output, as runit's sv words it ----

    private void Out(string prefix, string msg, int errno)
    {
        _out.Put(prefix).Put(_service);
        if (_isLog) _out.Put("/log");
        _out.Put(": ").Put(msg);
        if (errno != 0) _out.Put(": ").Put(Errors.Str(errno));
        _out.Put("\n");
        _out.Flush();
    }

    private void Fail(string msg, int errno = 0) { _rc++; Out("fail: ", msg, errno); }
    private void Warn(string msg, int errno = 0) { _rc++; Out("warning: ", msg, errno); }
    private void Ok(string msg) => Out("ok: ", msg, 0);
    private void Outs(string s) => _out.Put(s);
    private void Flush(string s) { _out.Put(s); _out.Flush(); }

    /// <summary>A warning on stderr that does not count as a failure (stat/check script trouble).</summary>
    private void Warn2(string what, string file, int errno) =>
        Strerr.Raw("warning: ", what, _service, file, ": ", Errors.Str(errno), "\n");

    /// <summary>Leaves at once with <paramref name="code"/>; stdout was flushed where C flushes it.</summary>
    private static void Exit(int code) => Libc._exit(code);

    private void Fatal(string msg, int errno)
    {
        Strerr.WarnSys(errno, "fatal: ", msg, ": ");
        Exit(_a.Lsb ? 151 : 100);
    }

    // ---- reading supervise/ ----

    /// <summary>1: status read; 0: runsv not running (reported); -1: error (reported).</summary>
    private int StatusGet()
    {
        SuperviseRead r = ServiceStatus.Read("", _status, out int e);
        switch (r)
        {
            case SuperviseRead.Ok: return 1;
            case SuperviseRead.NotRunning:
                if (_a.Acts[0] == 'x') Ok("runsv not running");
                else Fail("runsv not running");
                return 0;
            case SuperviseRead.BadFormat: Warn(ServiceStatus.Problem(r)); return -1;
            default: Warn(ServiceStatus.Problem(r), e); return -1;
        }
    }

    /// <summary>Prints the status of the record last read; 1: has a pid, 2: has none, 0: ./down unreadable.</summary>
    private int StatusPrint(string name)
    {
        bool normallyUp = false;
        if (!Fd.Stat("down", out _))
        {
            int e = Libc.Errno;
            if (e != Errors.ENOENT)
            {
                Warn2("unable to stat ", "/down", e);
                return 0;
            }
            normallyUp = true;
        }
        return StatusText.Append(_out, _status, name, normallyUp, _tnow);
    }

    private int Pid => BitConverter.ToInt32(_status, 12);

    private ulong StatusStamp => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(_status);

    /// <summary>
    /// The status command: the service, then "; " and its log service. In LSB
    /// mode exits 0 (running), 3 (down) or 4 (unknown) after the service itself:
    /// runit 2.3.0 fixed the log's state deciding it (2.1.2 exits 0 for a down
    /// service whose log runs).
    /// </summary>
    private int Status()
    {
        int r = StatusGet();
        if (r == -1 && _a.Lsb) Exit(4);
        if (r <= 0) return 0;
        int rc = StatusPrint(_service);
        _isLog = true;
        if (Libc.chdir("log") == -1)
        {
            int e = Libc.Errno;
            if (e != Errors.ENOENT)
            {
                Outs("; ");
                Warn("unable to change directory", e);
            }
            else Outs("\n");
        }
        else
        {
            Outs("; ");
            // As in C: after a failed read the old record is printed for the log.
            if (StatusGet() != 0)
            {
                StatusPrint("log");
                Outs("\n");
            }
        }
        _isLog = false;
        Flush("");
        if (_a.Lsb) Exit(rc switch { 1 => 0, 2 => 3, _ => 4 });
        return rc;
    }
}
