using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Validation;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Policy;

/// <summary>
/// The quarterly dispatch table (区—市—县 分级调度) as a download for the quarterly meeting:
/// <c>GET /export/case-dispatch.csv</c> and <c>/export/case-dispatch.xlsx</c> with <c>year</c>, <c>quarter</c> and an
/// optional <c>region</c>, as the <c>caseDispatch</c> query gives it. Needs a bearer token with the 'analyst' role and
/// keeps to the token's regions; refusals are problem documents carrying the error code.
/// </summary>
public static class CaseDispatchExport
{
    static readonly string[] Header = ["地区代码", "地区", "层级", "在册档案", "新建档案", "走访次数", "走访企业数", "新增预警", "未解除预警", "逾期未走访", "销号"];

    public static IEndpointRouteBuilder MapCaseExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/export/case-dispatch.csv", (HttpContext context, GraphWriter writer) => ExportAsync(context, writer, xlsx: false));
        endpoints.MapGet("/export/case-dispatch.xlsx", (HttpContext context, GraphWriter writer) => ExportAsync(context, writer, xlsx: true));
        return endpoints;
    }

    /// <summary>The table's rows as text cells, the header first.</summary>
    public static IReadOnlyList<string[]> Cells(CaseDispatch dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var rows = new List<string[]> { Header };
        foreach (var r in dispatch.Rows)
        {
            int[] counts = [r.OpenAtEnd, r.Opened, r.Visits, r.EnterprisesVisited, r.WarningsRaised, r.WarningsOpenAtEnd, r.OverdueAtEnd, r.Closed];
            rows.Add([r.Region.Code, r.Region.Name, Level(r.Region.Level), .. counts.Select(n => n.ToString(CultureInfo.InvariantCulture))]);
        }
        return rows;
    }

    static string Level(RegionLevel level) => level switch
    {
        RegionLevel.Province => "区",
        RegionLevel.City => "市",
        _ => "县",
    };

    static async Task ExportAsync(HttpContext context, GraphWriter writer, bool xlsx)
    {
        var user = context.User;
        if (!Roles.Has(user, Roles.Analyst))
        {
            var authenticated = Roles.IsAuthenticated(user);
            await Problem(context, authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                authenticated ? ErrorCodes.Forbidden : "UNAUTHENTICATED", "the dispatch table needs a bearer token with the role 'analyst'").ConfigureAwait(false);
            return;
        }
        CaseDispatch dispatch;
        try
        {
            var query = context.Request.Query;
            var year = Number(query["year"], "year");
            var quarter = Number(query["quarter"], "quarter");
            string? region = query["region"].ToString() is { Length: > 0 } r ? r : null;
            dispatch = await new CaseWork(writer, WriteContext.ActorOf(user), context.RequestServices.GetService<IndicatorTargets>())
                .DispatchAsync(region, year, quarter, context.RequestAborted).ConfigureAwait(false);
        }
        catch (DomainException error) when (error is InvalidInputException or ForbiddenException)
        {
            await Problem(context, error is ForbiddenException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, error.Code, error.Message).ConfigureAwait(false);
            return;
        }

        var fileName = FormattableString.Invariant($"case-dispatch-{dispatch.Region}-{dispatch.Year}Q{dispatch.Quarter}.{(xlsx ? "xlsx" : "csv")}");
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var cells = Cells(dispatch);
        using var buffer = new MemoryStream();
        if (xlsx)
        {
            context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            WriteXlsx(buffer, $"{dispatch.Year}Q{dispatch.Quarter}", cells);
        }
        else
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            WriteCsv(buffer, cells);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    static int Number(string? text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : throw new InvalidInputException($"{name}: '{text}' is not a number; give ?year=2026&quarter=1");

    static Task Problem(HttpContext context, int status, string code, string message) =>
        Results.Problem(message, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(context);

    // RFC 4180 with a byte order mark, so that Excel opens the Chinese text as UTF-8.
    static void WriteCsv(Stream stream, IReadOnlyList<string[]> rows)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        foreach (var row in rows)
            writer.Write(string.Join(',', row.Select(TextRules.ForCsv)) + "\r\n");
    }

    // The smallest workbook Excel, LibreOffice and WPS open: one sheet, inline strings, numbers as numbers.
    static void WriteXlsx(Stream stream, string sheetName, IReadOnlyList<string[]> rows)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        void Entry(string name, string xml)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                var value = rows[r][c];
                // The counts are numbers; codes and names stay text (a code's leading digits are not a quantity).
                if (r > 0 && c >= 3)
                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{value}</v></c>");
                else
                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(value)}</t></is></c>");
            }
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData></worksheet>");
        Entry("xl/worksheets/sheet1.xml", sheet.ToString());
    }
}
