using System.Text;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Reads a SQLite database's files as bytes (main file, WAL, journal), for scans that nothing secret was written.</summary>
public static class DatabaseFiles
{
    public static bool Contain(string databasePath, string text) =>
        new[] { databasePath, databasePath + "-wal", databasePath + "-journal", databasePath + "-shm" }
            .Where(File.Exists)
            .Any(file => Bytes(file).AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
                         || Bytes(file).AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0);

    private static byte[] Bytes(string file)
    {
        // The database may be open in WAL mode: share everything.
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
