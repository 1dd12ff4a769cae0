// The tests run on Linux only (FIFOs, inotify, Unix file modes). The attribute
// allows several instances, so other test folders may declare it too.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
