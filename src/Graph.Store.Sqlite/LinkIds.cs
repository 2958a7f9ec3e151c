using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>The parts of a link's id.</summary>
internal static class LinkIds
{
    /// <summary>Splits "TYPE|from|to" or "TYPE|from|to|key" (node ids hold no '|'; a link key may).</summary>
    public static bool TryParse(string id, out LinkType type, out string fromId, out string toId, out string key)
    {
        type = default;
        fromId = toId = key = "";
        var parts = id.Split('|', 4);
        if (parts.Length < 3 || GraphCatalog.FindLinkType(parts[0]) is not { } info || info.Name != parts[0]) return false;
        type = info.Type;
        fromId = parts[1];
        toId = parts[2];
        key = parts.Length == 4 ? parts[3] : "";
        return true;
    }
}
