using System;
using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>A uid and the list of gids to switch to (runit's struct uidgid: at most 60 groups).</summary>
internal sealed class UidGid
{
    internal const int MaxGroups = 60;

    internal uint Uid;
    internal readonly uint[] Gids = new uint[MaxGroups + 1];
    internal int Count;

    /// <summary>uidgid_get: a user name from the password database (NSS), its primary group only.</summary>
    internal static unsafe UidGid? Lookup(byte[] user, out int errno)
    {
        Libc.Passwd* pw = GetPw(user, out errno);
        if (pw == null) return null;
        var u = new UidGid { Uid = pw->Uid, Count = 1 };
        u.Gids[0] = pw->Gid;
        return u;
    }

    /// <summary>uidgids_get: [:]user[:group[:group]...]; a leading colon means numeric ids.</summary>
    internal static unsafe UidGid? LookupExt(byte[] ug, out int errno)
    {
        errno = 0;
        if (ug.Length > 0 && ug[0] == ':') return Numeric(ug.AsSpan(1));
        int d = Array.IndexOf(ug, (byte)':');
        byte[] user = d < 0 ? ug : ug[..d];
        Libc.Passwd* pw = GetPw(user, out errno);
        if (pw == null) return null;
        var u = new UidGid { Uid = pw->Uid };
        if (d < 0)
        {
            u.Gids[0] = pw->Gid;
            u.Count = 1;
            return u;
        }
        ReadOnlySpan<byte> g = ug.AsSpan(d + 1);
        int i;
        for (i = 0; i < MaxGroups; ++i)
        {
            int c = g.IndexOf((byte)':');
            Libc.Group* gr = GetGr(c < 0 ? g : g[..c], out errno);
            if (gr == null) return null;
            u.Gids[i] = gr->Gid;
            if (c < 0) { ++i; break; }
            g = g[(c + 1)..];
        }
        u.Gids[i] = 0;
        u.Count = i;
        return u;
    }

    /// <summary>uidgids_set: uid:gid[:gid...] as numbers, exactly as far as C's scan goes.</summary>
    internal static UidGid? Numeric(ReadOnlySpan<byte> ug)
    {
        int pos = Scan.ULong(ug, out ulong id);
        if (pos >= ug.Length || ug[pos] != ':') return null;
        var u = new UidGid { Uid = (uint)id };
        ++pos;
        int i;
        for (i = 0; i < MaxGroups; ++i, ++pos)
        {
            pos += Scan.ULong(ug[Math.Min(pos, ug.Length)..], out id);
            u.Gids[i] = (uint)id;
            if (pos >= ug.Length || ug[pos] != ':') { ++i; break; }
        }
        u.Gids[i] = 0;
        u.Count = i;
        return pos < ug.Length ? null : u;
    }

    private static unsafe Libc.Passwd* GetPw(ReadOnlySpan<byte> name, out int errno)
    {
        byte* z = stackalloc byte[name.Length + 1];
        name.CopyTo(new Span<byte>(z, name.Length));
        z[name.Length] = 0;
        Libc.Passwd* pw = Libc.getpwnam(z);
        errno = pw == null ? Libc.Errno : 0;
        return pw;
    }

    private static unsafe Libc.Group* GetGr(ReadOnlySpan<byte> name, out int errno)
    {
        byte* z = stackalloc byte[name.Length + 1];
        name.CopyTo(new Span<byte>(z, name.Length));
        z[name.Length] = 0;
        Libc.Group* gr = Libc.getgrnam(z);
        errno = gr == null ? Libc.Errno : 0;
        return gr;
    }
}
