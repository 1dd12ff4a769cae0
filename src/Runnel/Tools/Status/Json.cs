using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Runnel.Supervision;

namespace Runnel.Tools.Status;

/// <summary>
/// The overview as one JSON document, written with Utf8JsonWriter (no
/// reflection, trim-safe). Schema version 1, documented in docs/status.md;
/// fields are only ever added.
/// </summary>
internal static class Json
{
    internal const int Version = 1;

    internal static byte[] Write(string svdir, List<ServiceRow> rows, ulong nowTai, bool ok)
    {
        var buf = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buf, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteString("svdir", svdir);
            w.WriteNumber("now", (long)(nowTai - Tai64n.Epoch));
            w.WriteBoolean("ok", ok);
            w.WriteStartArray("services");
            foreach (ServiceRow r in rows) Service(w, r, nowTai);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buf.Write("\n"u8);
        return buf.WrittenSpan.ToArray();
    }

    private static void Service(Utf8JsonWriter w, ServiceRow r, ulong nowTai)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        w.WriteString("dir", r.Dir);
        w.WriteString("state", Probe.Word(r.State));
        NullableString(w, "error", r.State == RowState.Error ? r.ErrorText : null);
        NullableString(w, "want", r.Want switch { 'u' => "up", 'd' => "down", _ => null });
        w.WriteBoolean("paused", r.Paused);
        w.WriteBoolean("normally_up", r.NormallyUp);
        NullableNumber(w, "pid", r.Main.Pid != 0 ? r.Main.Pid : -1);
        NullableNumber(w, "uptime_s", r.Main.Seconds(nowTai));
        if (r.Ready is bool ready) w.WriteBoolean("ready", ready);
        else w.WriteNull("ready");
        NullableNumber(w, "ready_after_ms", r.Ready == true ? r.Info.ReadyAfterNs / 1_000_000 : -1);
        LastExit(w, r);
        NullableNumber(w, "restarts", r.HasInfo ? (long)r.Info.Restarts : -1);
        Log(w, r.Log, nowTai);
        w.WriteEndObject();
    }

    private static void LastExit(Utf8JsonWriter w, ServiceRow r)
    {
        if (!r.HasInfo)
        {
            w.WriteNull("last_exit");
            return;
        }
        w.WriteStartObject("last_exit");
        w.WriteString("kind", r.Info.LastExit switch { ExitKind.Exit => "code", ExitKind.Signal => "signal", _ => "none" });
        NullableNumber(w, "value", r.Info.LastExit == ExitKind.None ? -1 : r.Info.LastExitValue);
        NullableString(w, "signal", r.Info.LastExit == ExitKind.Signal ? Posix.SignalNames.Of(r.Info.LastExitValue) : null);
        w.WriteEndObject();
    }

    private static void Log(Utf8JsonWriter w, Probe? log, ulong nowTai)
    {
        w.WriteStartObject("log");
        if (log is Probe l)
        {
            w.WriteString("state", Probe.Word(l.State));
            NullableNumber(w, "pid", l.Pid != 0 ? l.Pid : -1);
            NullableNumber(w, "uptime_s", l.Seconds(nowTai));
            NullableString(w, "error", l.State == RowState.Error ? l.ErrorText : null);
        }
        else
        {
            w.WriteString("state", "none");
            w.WriteNull("pid");
            w.WriteNull("uptime_s");
            w.WriteNull("error");
        }
        w.WriteEndObject();
    }

    /// <summary>Negative means absent: null.</summary>
    private static void NullableNumber(Utf8JsonWriter w, string name, long v)
    {
        if (v >= 0) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? v)
    {
        if (v != null) w.WriteString(name, v);
        else w.WriteNull(name);
    }
}
