namespace HelmSharp;

/// <summary>The helm release whose behaviour a render reproduces, byte for byte.</summary>
public enum HelmVersion
{
    /// <summary>helm v3.17.3 (Go 1.23 templates, one-line errors, helm 3's value coalescing and schema validation).</summary>
    V3 = 3,
    /// <summary>helm v4.1.4 (the default).</summary>
    V4 = 4,
}

/// <summary>Checks and converts <see cref="HelmVersion"/> values.</summary>
internal static class HelmVersions
{
    /// <summary>The helm major version number; an undefined value is an <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static int Major(this HelmVersion version, string paramName = "version") => version switch
    {
        HelmVersion.V3 => 3,
        HelmVersion.V4 => 4,
        _ => throw new ArgumentOutOfRangeException(paramName, version, "HelmVersion must be HelmVersion.V4 (helm v4.1.4) or HelmVersion.V3 (helm v3.17.3)."),
    };

    /// <summary>
    /// <paramref name="major"/> when it is 4 or 3; any other number is an <see cref="ArgumentOutOfRangeException"/> (the
    /// entry points that take the major as a number do not round 5 to 4 or 2 to 3).
    /// </summary>
    public static int CheckMajor(int major, string paramName = "helmMajor") => major is 3 or 4
        ? major
        : throw new ArgumentOutOfRangeException(paramName, major, "The helm major version must be 4 (helm v4.1.4) or 3 (helm v3.17.3).");
}
