using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.PersonalData;
using RcWarehouse.Warehouse.SegmentFields;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class SegmentLabelRulesTests
{
    private const string Field = "SECRET_FIELD_NAME";

    [Theory]
    [InlineData("1caller")]
    [InlineData("drop table")]
    [InlineData("a;b")]
    [InlineData("caller\"x")]
    [InlineData("caller]")]
    [InlineData("")]
    [InlineData("Segment_ID")]
    public void ALabelThatIsNotAPlainNewColumnName_IsRefusedNamingTheKey(string label)
    {
        var options = new WarehouseOptions { SegmentLabels = new() { [label] = Field } };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith($"Warehouse:SegmentLabels:{label} ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\there")]
    public void ALabelWithoutAUsableFieldName_IsRefusedNamingTheKeyNotTheValue(string field)
    {
        var options = new WarehouseOptions { SegmentLabels = new() { ["caller"] = field } };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("Warehouse:SegmentLabels:caller must name a segment field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFieldNameLongerThanTheAttributeColumn_IsRefused()
    {
        var options = new WarehouseOptions { SegmentLabels = new() { ["caller"] = new string('f', 129) } };

        Assert.Throws<ArgumentException>(options.Validate);
        Assert.Null(Record.Exception(() => new WarehouseOptions { SegmentLabels = new() { ["caller"] = new string('f', 128) } }.Validate()));
    }

    [Fact]
    public void LabelsDifferingOnlyInCase_AreOneColumn_AndRefused()
    {
        var options = new WarehouseOptions { SegmentLabels = new Dictionary<string, string>(StringComparer.Ordinal) { ["Caller"] = "a", ["caller"] = "b" } };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainLabels_AreAccepted_AndTheViewQuotesFieldNames()
    {
        var labels = new Dictionary<string, string> { ["caller"] = "interactionCallingAddress", ["_x9"] = "it's" };
        new WarehouseOptions { SegmentLabels = new(labels) }.Validate();

        var sqlite = SegmentLabelView.Script(WarehouseProvider.Sqlite, labels).Text;
        var sqlServer = SegmentLabelView.Script(WarehouseProvider.SqlServer, labels).Text;

        Assert.Contains("a.name = 'it''s') AS \"_x9\"", sqlite, StringComparison.Ordinal);
        Assert.Contains("a.name = N'it''s') AS [_x9]", sqlServer, StringComparison.Ordinal);
        Assert.StartsWith("views/", SegmentLabelView.ScriptName, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedLabels_ChangeTheScriptsChecksum_SameLabelsKeepIt()
    {
        var one = SegmentLabelView.Script(WarehouseProvider.Sqlite, new Dictionary<string, string> { ["a"] = "x", ["b"] = "y" });
        var same = SegmentLabelView.Script(WarehouseProvider.Sqlite, new Dictionary<string, string> { ["b"] = "y", ["a"] = "x" });
        var other = SegmentLabelView.Script(WarehouseProvider.Sqlite, new Dictionary<string, string> { ["a"] = "x", ["b"] = "z" });

        Assert.Equal(one.Checksum, same.Checksum);
        Assert.NotEqual(one.Checksum, other.Checksum);
    }

    [Theory]
    [InlineData("interactionCallingAddress", "+1 (555) 987-8987", "*******8987")]
    [InlineData("CHANNELENDPOINTADDRESS", "15551234567", "*******4567")]
    [InlineData("contactEndpointAddress", "5550001111", "******1111")]
    [InlineData("agentNotes", "call back 555-987-8987", PersonalDataProtector.RedactedNotes)]
    [InlineData("customerAccountNumber", "AC-12345678", "****5678")]
    [InlineData("customerComment", "call me at home", PersonalDataProtector.RedactedNotes)]
    [InlineData("ivrLanguage", "en-US", "en-US")]
    public void Mask_ProtectsTheKnownAndTheConfiguredPersonalFields_Only(string name, string value, string stored)
    {
        var protector = new SegmentAttributeProtector(
            PersonalDataProtector.Mask,
            new Dictionary<string, PersonalFieldKind> { ["customerAccountNumber"] = PersonalFieldKind.Address, ["customerComment"] = PersonalFieldKind.Text });

        Assert.Equal(stored, protector.Protect(new SegmentField(name, value)));
    }

    [Fact]
    public void TheKnownAddressFields_StayProtected_WhateverTheConfigurationSays()
    {
        // Configuring a known phone-number field as Text cannot make it less protected than the columns are.
        var protector = new SegmentAttributeProtector(PersonalDataProtector.Hash([1, 2, 3]), new Dictionary<string, PersonalFieldKind> { ["interactionCallingAddress"] = PersonalFieldKind.Text });

        Assert.Equal(PersonalDataProtector.Hash([1, 2, 3]).Address("5559878987"), protector.Protect(new SegmentField("interactionCallingAddress", " 5559878987 ")));
        Assert.Equal("5559878987", SegmentAttributeProtector.For(PersonalDataProtector.Store).Protect(new SegmentField("interactionCallingAddress", "5559878987")));
    }
}
