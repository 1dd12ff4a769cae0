using System.Runtime.InteropServices;

namespace Runnel.Posix;

/// <summary>
/// The process environment as libc holds it. The runtime keeps its own copy
/// for Environment.*, so libc's environ is still exactly what we were started
/// with: children inherit it unchanged, as they do from the C tools.
/// </summary>
internal static unsafe class Environ
{
    private static byte*** s_environ;

    internal static byte** Pointer
    {
        get
        {
            if (s_environ == null)
                s_environ = (byte***)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ");
            return *s_environ;
        }
    }
}
