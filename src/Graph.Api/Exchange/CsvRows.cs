using CsvHelper;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>
/// The rows of one CSV file of a graph folder, read with CsvHelper in the format's dialect: UTF-8 (a byte-order mark is
/// skipped), comma, header row, RFC 4180 quoting with line breaks allowed inside quotes, nothing trimmed, empty lines
/// skipped. Malformed quoting does not stop the reading: it is reported as a problem of the row.
/// </summary>
internal sealed class CsvRows : IDisposable
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Mode = CsvMode.Rfc4180,
        Separator = ',',
        HasHeader = true,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrimWhitespace = false,
        TrimInsideQuotes = false,
        TrackLineNumbers = true,
        DetectSeparatorHint = false,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        PoolStrings = true,
    };

    private readonly CsvReader _reader;
    private readonly Dictionary<long, string> _malformed = [];

    private CsvRows(string path)
    {
        _reader = CsvReader.FromFile(path, Options with { OnMalformedRecord = OnMalformed });
        Header = [.. _reader.Headers];
    }

    /// <summary>Opens the file and reads its header.</summary>
    public static CsvRows Open(string path) => new(path);

    /// <summary>The column names of the header row, as written.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The line the current row starts on (the header is line 1).</summary>
    public long Line => _reader.LineNumber;

    /// <summary>The number of fields of the current row.</summary>
    public int FieldCount => _reader.FieldCount;

    /// <summary>How far into the file the current row starts, in bytes.</summary>
    public long ByteOffset => _reader.ByteOffset;

    /// <summary>Why the current row's quoting is malformed, or null when it is not.</summary>
    public string? Malformed => _malformed.GetValueOrDefault(_reader.RowNumber);

    /// <summary>Moves to the next row; false at the end of the file.</summary>
    public bool Read()
    {
        _malformed.Remove(_reader.RowNumber);
        return _reader.Read();
    }

    /// <summary>Field <paramref name="index"/> of the current row; "" when the row has fewer fields.</summary>
    public string this[int index] => _reader.GetString(index);

    public void Dispose() => _reader.Dispose();

    private void OnMalformed(CsvMalformedRecord record)
    {
        // The header is record 1 of the file; data records are numbered from 1 by RowNumber.
        _malformed[record.RecordNumber - 1] = record.Reason switch
        {
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted value: quote the whole value and double the quotes inside",
            CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote: double the quotes inside a quoted value",
            CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed",
            _ => $"malformed CSV ({record.Reason})",
        };
    }
}
