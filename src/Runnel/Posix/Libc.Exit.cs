using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    /// <summary>Leaves at once, as runit's tools do: nothing is buffered in managed code.</summary>
    [LibraryImport(Name, EntryPoint = "_exit")]
    internal static partial void _exit(int status);
}
