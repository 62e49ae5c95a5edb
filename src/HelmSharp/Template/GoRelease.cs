namespace HelmSharp.Template;

/// <summary>
/// The Go release whose <c>text/template</c> a render follows. helm v3.17.3 was built with Go 1.23 and helm v4.1.4 with
/// Go 1.25, and their templates differ in what those Go releases changed (range over integers, the parser's nesting limit,
/// comparison error texts, a panic of <c>call</c> with no arguments). The template layer (lexer, parser, executor, Go's
/// builtins) asks this, never the helm version; <see cref="GoReleases.Of(HelmVersion)"/> is the one mapping.
/// </summary>
internal enum GoRelease
{
    /// <summary>Go 1.23 (helm v3.17.3).</summary>
    Go123 = 123,
    /// <summary>Go 1.25 (helm v4.1.4).</summary>
    Go125 = 125,
}

/// <summary>Which Go release built which helm release.</summary>
internal static class GoReleases
{
    /// <summary>The Go release <paramref name="version"/> of helm was built with.</summary>
    public static GoRelease Of(HelmVersion version) => version == HelmVersion.V3 ? GoRelease.Go123 : GoRelease.Go125;

    /// <summary>The Go release helm <paramref name="helmMajor"/> (3 or 4) was built with.</summary>
    public static GoRelease Of(int helmMajor) => helmMajor >= 4 ? GoRelease.Go125 : GoRelease.Go123;
}
