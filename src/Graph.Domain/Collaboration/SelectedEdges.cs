using System.Collections;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// A tie of a network selection in compact form: its ends as positions in the selection's organisations (the selected
/// ones, then the outside partners) and the projection's tie.
/// </summary>
internal readonly record struct SelectedEdge(int Source, int Target, Tie Tie, bool Crossing);

/// <summary>
/// The ties of a network selection as <see cref="NetworkEdge"/>s made when read: a whole-network selection holds one
/// struct per tie instead of one object per tie, and an export's reader lets each go as soon as it is written.
/// </summary>
internal sealed class SelectedEdges(IReadOnlyList<NetworkNode> nodes, IReadOnlyList<NetworkNode> outside, List<SelectedEdge> rows)
    : IReadOnlyList<NetworkEdge>
{
    public int Count => rows.Count;

    /// <summary>The ties in their compact form, for a pass that needs no ids.</summary>
    public IReadOnlyList<SelectedEdge> Rows => rows;

    public NetworkEdge this[int index]
    {
        get
        {
            var row = rows[index];
            var (a, b) = (IdAt(row.Source), IdAt(row.Target));
            if (string.CompareOrdinal(a, b) > 0) (a, b) = (b, a);
            var tie = row.Tie;
            return new NetworkEdge(a, b, tie.Kinds, Math.Round(tie.Weight, 6), CollaborationDescriber.Day(tie.First), CollaborationDescriber.Day(tie.Last),
                row.Crossing, tie.Ongoing);
        }
    }

    string IdAt(int position) => position < nodes.Count ? nodes[position].Id : outside[position - nodes.Count].Id;

    public IEnumerator<NetworkEdge> GetEnumerator()
    {
        for (var i = 0; i < rows.Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
