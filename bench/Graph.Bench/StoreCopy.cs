namespace KnowledgeGraph.Bench;

/// <summary>A benchmark that writes runs on a copy of the preset's file, deleted afterwards, so the file stays as imported.</summary>
internal static class StoreCopy
{
    public static async Task RunAsync(string file, string suffix, Func<string, Task> run)
    {
        var copy = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + suffix + ".db");
        File.Copy(file, copy, overwrite: true);
        try
        {
            await run(copy);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { copy, copy + "-wal", copy + "-shm" })
                File.Delete(path);
        }
    }
}
