using HelmSharp.Template.Parse;

namespace HelmSharp.Template.Exec;

/// <summary>A lookup scope of templates: the set itself, or a <c>tpl</c> overlay over it.</summary>
internal sealed class Namespace(TemplateSet set, Dictionary<string, Tree> own, Namespace? parent)
{
    public TemplateSet Set { get; } = set;
    public Namespace? Parent { get; } = parent;
    public Dictionary<string, Tree> Own { get; } = own;

    public Tree? Lookup(string name)
    {
        for (var ns = this; ns != null; ns = ns.Parent)
            if (ns.Own.TryGetValue(name, out var t)) return t;
        return null;
    }
}
