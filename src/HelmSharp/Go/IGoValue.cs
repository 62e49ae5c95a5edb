namespace HelmSharp.Go;

/// <summary>
/// A .NET object that stands for a Go value of a type the primitive mapping does not cover
/// (named maps such as <c>chartutil.Values</c>, structs, pointers, <c>time.Time</c> …).
/// See <see cref="GoType.Of"/> for the primitive mapping.
/// </summary>
internal interface IGoValue
{
    /// <summary>The Go type of this value (what <c>%T</c> and <c>typeOf</c> print).</summary>
    GoType GoType { get; }
}

/// <summary>A Go struct (or pointer to struct): exported fields reachable as <c>.Field</c> in templates.</summary>
internal interface IGoStruct : IGoValue
{
    /// <summary>Looks up an exported field by its exact Go name.</summary>
    bool TryGetField(string name, out object? value);

    /// <summary>The fields in declaration order, for <c>%v</c>/<c>%+v</c> printing.</summary>
    IEnumerable<KeyValuePair<string, object?>> Fields { get; }
}

/// <summary>A Go value with methods callable from templates (<c>.Files.Get "x"</c>, <c>.Values.AsMap</c>).</summary>
internal interface IGoMethods : IGoValue
{
    /// <summary>Looks up a method by its exact Go name. Methods shadow fields and map keys.</summary>
    bool TryGetMethod(string name, out GoMethod method);
}

/// <summary>A Go value implementing <c>fmt.Stringer</c> (or <c>error</c>): printing uses <see cref="GoString"/>.</summary>
internal interface IGoStringer
{
    /// <summary>The result of Go's <c>String()</c> (or <c>Error()</c>) method.</summary>
    string GoString();
}

/// <summary>
/// A Go struct whose <c>String()</c> method has a pointer receiver (e.g. helm's <c>KubeVersion</c>):
/// text/template calls it only when the template prints the (addressable) value directly; once the
/// value is passed to a function (<c>quote</c>, <c>printf</c>) it is printed as a plain struct.
/// </summary>
internal interface IGoPointerStringer
{
    /// <summary>The result of the pointer-receiver <c>String()</c> method.</summary>
    string PointerString();
}

/// <summary>
/// A named slice type carried by a class (e.g. helm's <c>VersionSet</c>): the executor ranges,
/// indexes, measures and prints it like a Go slice.
/// </summary>
internal interface IGoList : IGoValue
{
    /// <summary>Number of elements.</summary>
    int Count { get; }
    /// <summary>Element <paramref name="index"/> as a Go value.</summary>
    object? this[int index] { get; }
}

/// <summary>
/// Implemented by Go values with a custom JSON form (Go's <c>json.Marshaler</c>, or a struct's tagged fields): the JSON
/// encoder (and the YAML layer's JSON round trip) marshals <see cref="ToJsonValue"/> instead. Return a
/// <c>HelmSharp.Json.GoJsonObject</c> for a struct (fields keep their order), a <c>HelmSharp.Json.GoJsonRaw</c> for
/// literal JSON text, or any Go value.
/// </summary>
internal interface IGoJsonMarshaler
{
    /// <summary>The value to encode in place of this one.</summary>
    object? ToJsonValue();
}
