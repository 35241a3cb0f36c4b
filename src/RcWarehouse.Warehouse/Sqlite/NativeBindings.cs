using System.Runtime.InteropServices;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// The two binding calls a multi-row statement makes a million times per million rows, imported straight from the
/// e_sqlite3 library Microsoft.Data.Sqlite itself loads. SQLitePCL's own wrappers add a provider interface call and
/// a SafeHandle reference count to each; here the statement's raw handle is passed (the owning SafeHandle in
/// <see cref="MultiRowStatement"/> outlives every call). Everything else goes through SQLitePCL.
/// </summary>
internal static partial class NativeBindings
{
    private const string Library = "e_sqlite3";

    /// <summary>
    /// Whether the provider SQLitePCL was initialised with is this same library: a statement handle of another SQLite
    /// build (winsqlite3, SQLCipher) must never reach it, and the statement then binds through SQLitePCL instead.
    /// </summary>
    public static bool Usable { get; } = string.Equals(SQLitePCL.raw.GetNativeLibraryName(), Library, StringComparison.Ordinal);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int BindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int BindNull(IntPtr statement, int index);
}
