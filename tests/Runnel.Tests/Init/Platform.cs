// The tests run on Linux only (unshare, /proc, Unix file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
