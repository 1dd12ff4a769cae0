using System;
using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>
/// runit's sgetopt: POSIX-style short options over raw argv bytes. Stops at the
/// first non-option, at "-" (left in place) and after "--". On a bad option it
/// prints "prog: illegal option -- x" or "prog: option requires an argument -- x"
/// (prog = basename of argv[0]) and returns '?'.
/// </summary>
internal sealed class Getopt
{
    internal const int Done = -1;

    private readonly byte[][] _argv;
    private int _pos;

    internal Getopt(byte[][] argv) => _argv = argv;

    /// <summary>optind: the first argument not consumed.</summary>
    internal int Index { get; private set; } = 1;

    /// <summary>optarg of the last option that takes one.</summary>
    internal byte[] Arg { get; private set; } = [];

    internal int Next(string opts)
    {
        int c = Sub(opts, out byte problem);
        if (c == '?') Complain(problem);
        return c;
    }

    private int Sub(string opts, out byte problem)
    {
        problem = 0;
        Arg = [];
        if (Index >= _argv.Length) return Done;
        if (_pos > 0 && _pos >= _argv[Index].Length)
        {
            Index++;
            _pos = 0;
            if (Index >= _argv.Length) return Done;
        }
        byte[] a = _argv[Index];
        if (_pos == 0)
        {
            if (a.Length == 0 || a[0] != '-') return Done;
            _pos = 1;
            if (a.Length == 1 || a[1] == '-')
            {
                if (a.Length > 1) Index++;
                _pos = 0;
                return Done;
            }
        }
        byte ch = a[_pos++];
        int at = ch == ':' ? -1 : opts.IndexOf((char)ch);
        if (at < 0)
        {
            problem = ch;
            return '?';
        }
        if (at + 1 < opts.Length && opts[at + 1] == ':')
        {
            byte[] rest = a[_pos..];
            Index++;
            _pos = 0;
            if (rest.Length == 0)
            {
                if (Index >= _argv.Length)
                {
                    problem = ch;
                    return '?';
                }
                rest = _argv[Index++];
            }
            Arg = rest;
        }
        return ch;
    }

    private void Complain(byte problem)
    {
        byte[] prog = Bytes.Basename(_argv.Length > 0 ? _argv[0] : []);
        string what = Index < _argv.Length ? ": illegal option -- " : ": option requires an argument -- ";
        Msg.Out(2, prog, what, new[] { problem, (byte)'\n' });
    }
}
