using RcWarehouse.Core.Reports.Segments;

namespace RcWarehouse.Warehouse.PersonalData;

/// <summary>
/// Applies <see cref="PersonalDataMode"/> to the segment fields kept as attributes: always to the fields that carry the
/// phone numbers and notes the columns protect (whichever generation sends them, so one arriving as an extra field is
/// never stored in clear in Mask or Hash mode), and to the fields configured in <c>Warehouse:SegmentPersonalFields</c>.
/// Names match case-insensitively, as the parser matches known fields.
/// </summary>
internal sealed class SegmentAttributeProtector
{
    private static readonly Dictionary<string, PersonalFieldKind> AlwaysPersonal = new(StringComparer.OrdinalIgnoreCase)
    {
        ["interactionCallingAddress"] = PersonalFieldKind.Address,
        ["interactionCalledAddress"] = PersonalFieldKind.Address,
        ["channelEndpointAddress"] = PersonalFieldKind.Address,
        ["contactEndpointAddress"] = PersonalFieldKind.Address,
        ["agentNotes"] = PersonalFieldKind.Text,
    };

    private readonly PersonalDataProtector _personalData;
    private readonly Dictionary<string, PersonalFieldKind> _personal;

    public SegmentAttributeProtector(PersonalDataProtector personalData, IReadOnlyDictionary<string, PersonalFieldKind> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _personalData = personalData;
        _personal = new Dictionary<string, PersonalFieldKind>(configured, StringComparer.OrdinalIgnoreCase);

        // The known fields keep their protection whatever the configuration says.
        foreach (var (name, kind) in AlwaysPersonal)
        {
            _personal[name] = kind;
        }
    }

    /// <summary>Nothing configured: the known address and notes fields only.</summary>
    public static SegmentAttributeProtector For(PersonalDataProtector personalData) => new(personalData, new Dictionary<string, PersonalFieldKind>());

    public PersonalDataMode Mode => _personalData.Mode;

    public bool IsPersonal(string name) => _personal.ContainsKey(name);

    /// <summary>The attribute's value as it is to be stored.</summary>
    public string Protect(SegmentField attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        if (!_personal.TryGetValue(attribute.Name, out var kind))
        {
            return attribute.Value;
        }

        return (kind == PersonalFieldKind.Address ? _personalData.Address(attribute.Value) : _personalData.Notes(attribute.Value)) ?? attribute.Value;
    }
}
