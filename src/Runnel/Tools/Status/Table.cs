using System;
using System.Collections.Generic;
using System.Globalization;
using Runnel.Common;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Status;

/// <summary>
/// The overview as aligned columns, one line per service under a header;
/// with colour (ANSI SGR) only when asked to (a terminal, NO_COLOR unset, TERM not dumb).
/// </summary>
internal static class Table
{
    internal static readonly string[] Header = ["NAME", "STATE", "READY", "PID", "UPTIME", "EXIT", "RESTARTS", "LOG"];

    private const string Green = "\x1b[32m", Red = "\x1b[31m", Yellow = "\x1b[33m", Reset = "\x1b[0m";

    internal static void Write(OutBuf o, List<ServiceRow> rows, ulong nowTai, bool colour)
    {
        var cells = new string[rows.Count + 1][];
        cells[0] = Header;
        for (int i = 0; i < rows.Count; i++) cells[i + 1] = Cells(rows[i], nowTai);
        var width = new int[Header.Length];
        foreach (string[] line in cells)
            for (int c = 0; c < line.Length; c++) width[c] = Math.Max(width[c], line[c].Length);
        for (int r = 0; r < cells.Length; r++)
        {
            string[] line = cells[r];
            for (int c = 0; c < line.Length; c++)
            {
                string? sgr = colour && r > 0 ? Colour(rows[r - 1], c) : null;
                if (sgr != null) o.Put(sgr).Put(line[c]).Put(Reset);
                else o.Put(line[c]);
                if (c < line.Length - 1) o.Put(new string(' ', width[c] - line[c].Length + 2));
            }
            o.Put('\n');
        }
    }

    internal static string[] Cells(ServiceRow row, ulong nowTai)
    {
        long secs = row.Main.Seconds(nowTai);
        return
        [
            row.Name,
            row.StateText,
            row.Ready switch { true => "yes", false => "no", null => "-" },
            row.Main.Pid != 0 ? Num(row.Main.Pid) : "-",
            secs >= 0 ? Duration.Human(secs) : "-",
            row.HasInfo ? ExitText(row.Info) : "-",
            row.HasInfo ? row.Info.Restarts.ToString(CultureInfo.InvariantCulture) : "-",
            row.Log is Probe l ? Probe.Word(l.State) : "none",
        ];
    }

    internal static string ExitText(ServiceInfo i) => i.LastExit switch
    {
        ExitKind.Exit => "code " + Num(i.LastExitValue),
        ExitKind.Signal => "signal " + SignalNames.Of(i.LastExitValue),
        _ => "-",
    };

    /// <summary>green: running, ready; red: wanted up but not running; yellow: finishing, paused, not ready yet.</summary>
    private static string? Colour(ServiceRow row, int column) => column switch
    {
        1 when row.Failing => Red,
        1 when row.State == RowState.Finish || row.Paused => Yellow,
        1 when row.State == RowState.Run => Green,
        2 when row.Ready == true => Green,
        2 when row.Ready == false && row.State == RowState.Run => Yellow,
        7 when row.Log is Probe { State: RowState.Run } => Green,
        _ => null,
    };

    private static string Num(int v) => v.ToString(CultureInfo.InvariantCulture);
}
