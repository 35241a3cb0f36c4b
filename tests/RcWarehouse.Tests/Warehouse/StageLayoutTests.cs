using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse.PersonalData;
using RcWarehouse.Warehouse.Staging;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>The staging layouts are the one description of staging columns; the migration scripts must agree with them.</summary>
public sealed partial class StageLayoutTests
{
    public static TheoryData<string> Tables() => ["agent_extended", "queue_stats", "segment", "agent_stats"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void SqlServerStageTable_HasTheLayoutColumns(string table)
    {
        // The last definition wins: a migration may recreate a stage table (they hold no rows), as 0009 does stage.segment.
        var columns = NumberedScripts("sqlserver")
            .SelectMany(TSqlBatches.Split)
            .SelectMany(batch => TSql.Parse(batch).Fragment is TSqlScript s ? s.Batches.SelectMany(b => b.Statements) : [])
            .OfType<CreateTableStatement>()
            .Last(t => t.SchemaObjectName.SchemaIdentifier?.Value == "stage" && t.SchemaObjectName.BaseIdentifier.Value == table)
            .Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)
            .ToArray();

        Assert.Equal(Expected(table), columns);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void TextLimits_AreTheColumnSizesOfTheMigrations(string table)
    {
        // Given the layout's text columns and the SQL Server column sizes after every migration script
        var limits = TextLimits(table);
        Assert.NotEmpty(limits);
        var stage = SqlServerSchema.TextLengths["stage." + table];

        foreach (var (column, maxLength) in limits)
        {
            // Then each limit is its stage column's size (none for nvarchar(max))
            Assert.True(stage.TryGetValue(column, out var size), $"stage.{table}.{column} is not a text column");
            Assert.True(size == maxLength, $"stage.{table}.{column} is nvarchar({size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "max"}) but the layout allows {maxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any length"}");

            // And every dw table column of that name holds at least as much (the value is copied there unchanged)
            foreach (var (dwTable, columns) in SqlServerSchema.TextLengths.Where(t => t.Key.StartsWith("dw.", StringComparison.Ordinal)))
            {
                if (columns.TryGetValue(column, out var dwSize) && dwSize is not null)
                {
                    Assert.True(maxLength is not null && maxLength <= dwSize, $"{dwTable}.{column} (nvarchar({dwSize})) is shorter than the layout allows");
                }
            }
        }
    }

    [Fact]
    public void TooLongText_IsRefusedNamingTheColumnNotTheValue()
    {
        var secret = new string('x', 60) + "SECRET";
        var row = new AgentExtendedRow
        {
            IntervalStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            IntervalMinutes = 15,
            AgentId = secret,
            QueueId = "Q1",
            TalkingCallDurSec = 1,
            WrapUpDurSec = 2,
            AnswCallCnt = 3,
            TransferOutCallCnt = 4,
        };

        var problem = AgentExtendedStaging.Layout.CheckLengths(row);

        Assert.Equal("agent_id is 66 characters long; its column holds at most 64", problem);
        Assert.Null(AgentExtendedStaging.Layout.CheckLengths(row with { AgentId = new string('x', 64) }));
    }

    [Theory]
    [InlineData("+1 (555) 987-8987")]
    [InlineData("12")]
    [InlineData("agent@example.com")]
    [InlineData("")]
    public void StoredAddressLength_IsTheLengthOfTheStoredAddress(string address)
    {
        foreach (var protector in new[] { PersonalDataProtector.Store, PersonalDataProtector.Mask, PersonalDataProtector.Hash([1, 2, 3]) })
        {
            Assert.Equal(protector.Address(address)?.Length ?? 0, protector.AddressLength(address));
        }
    }

    [Fact]
    public void HashedAddresses_FitWhateverTheClearTextLength()
    {
        var layout = SegmentStaging.For(PersonalDataProtector.Hash([1, 2, 3]));
        var row = new SegmentRow
        {
            InteractionId = "I1",
            SegmentId = "S1",
            SegmentStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            CallingAddress = new string('5', 300),
        };

        Assert.Null(layout.CheckLengths(row));
        Assert.Equal("calling_address is 300 characters long; its column holds at most 128", SegmentStaging.Layout.CheckLengths(row));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void SqliteStageTable_HasTheLayoutColumns(string table)
    {
        var body = NumberedScripts("sqlite")
            .Select(script => Regex.Match(script, $@"CREATE TABLE stage_{table} \((?<body>.*?)\n\);", RegexOptions.Singleline))
            .Last(match => match.Success).Groups["body"].Value;
        var columns = ColumnName().Matches(body).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(Expected(table), columns);
    }

    [Fact]
    public void EmptyStrings_AreStagedAsNull()
    {
        var row = new AgentExtendedRow
        {
            IntervalStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            IntervalMinutes = 15,
            AgentId = "A1",
            AgentName = "",
            QueueId = "Q1",
            TalkingCallDurSec = 1,
            WrapUpDurSec = 2,
            AnswCallCnt = 3,
            TransferOutCallCnt = 4,
        };

        var name = AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "agent_name");
        Assert.Null(name.Get(row));
        Assert.Equal(202601051000L, AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "interval_key").Get(row));
    }

    [Fact]
    public void Durations_AreRoundedToTheMillisecondForBothEngines()
    {
        var row = new AgentExtendedRow
        {
            IntervalStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            IntervalMinutes = 15,
            AgentId = "A1",
            QueueId = "Q1",
            TalkingCallDurSec = 1.2345m,
            WrapUpDurSec = 2.0004m,
            AnswCallCnt = 3,
            TransferOutCallCnt = 4,
        };

        Assert.Equal(1.235m, AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "talking_call_dur_sec").Get(row));
        Assert.Equal(2.000m, AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "wrap_up_dur_sec").Get(row));
    }

    [Fact]
    public void SegmentEvents_TravelAsJsonInWarehouseTimeFormat()
    {
        var json = SegmentEventsJson.Write(
        [
            new SegmentEventRow(1, "RECORDING_START", new DateTime(2026, 1, 5, 10, 0, 1, 250, DateTimeKind.Utc), null),
            new SegmentEventRow(2, "RECORDING_STOP", new DateTime(2026, 1, 5, 10, 3, 0, DateTimeKind.Utc), new DateTime(2026, 1, 5, 10, 3, 0, 5, DateTimeKind.Utc)),
        ]);

        Assert.Equal(
            """[{"seq":1,"type":"RECORDING_START","time":"2026-01-05 10:00:01.250","client_time":null},{"seq":2,"type":"RECORDING_STOP","time":"2026-01-05 10:03:00.000","client_time":"2026-01-05 10:03:00.005"}]""",
            json);
        Assert.Null(SegmentEventsJson.Write([]));
    }

    [Fact]
    public void KeptFields_TravelAsOneJsonObject_TheirPersonalValuesProtected()
    {
        var row = new SegmentRow
        {
            InteractionId = "I1",
            SegmentId = "S1",
            SegmentStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            Attributes = [new("ivrLanguage", "en-US"), new("interactionCallingAddress", "+1 (555) 987-8987"), new("note", "say \"hi\"")],
        };
        var layout = SegmentStaging.For(PersonalDataProtector.Mask, SegmentAttributeProtector.For(PersonalDataProtector.Mask));

        var json = layout.Columns.Single(c => c.Name == "attributes_json").Get(row);

        Assert.Equal("""{"ivrLanguage":"en-US","interactionCallingAddress":"*******8987","note":"say \u0022hi\u0022"}""", json);
        Assert.Null(layout.Columns.Single(c => c.Name == "attributes_json").Get(row with { Attributes = [] }));
    }

    [Fact]
    public void KeptFieldTooLong_IsRefusedNamingTheFieldNotTheValue()
    {
        var row = new SegmentRow
        {
            InteractionId = "I1",
            SegmentId = "S1",
            SegmentStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            Attributes = [new("customerComment", "SECRET" + new string('x', 3995))],
        };

        var problem = SegmentStaging.Layout.Validate(row);

        Assert.Equal("kept field customerComment of segment I1/S1 is 4001 characters long; its column holds 1 to 4000", problem);
        Assert.Null(SegmentStaging.Layout.Validate(row with { Attributes = [new("customerComment", new string('x', 4000))] }));
        Assert.Contains("keeps field a twice", SegmentStaging.Layout.Validate(row with { Attributes = [new("a", "1"), new("a", "2")] }), StringComparison.Ordinal);
    }

    [Fact]
    public void LocalTimes_AreRefused()
    {
        Assert.Throws<InvalidDataException>(() => StageLayout<AgentExtendedRow>.AsUtc(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Local), "interval start"));
        Assert.Equal(DateTimeKind.Utc, StageLayout<AgentExtendedRow>.AsUtc(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Unspecified), "interval start").Kind);
    }

    private static (string Column, int? MaxLength)[] TextLimits(string table) => table switch
    {
        "agent_extended" => Limits(AgentExtendedStaging.Layout),
        "queue_stats" => Limits(QueueStatsStaging.Layout),
        "segment" => Limits(SegmentStaging.Layout),
        "agent_stats" => Limits(AgentStatsStaging.Layout),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };

    private static (string Column, int? MaxLength)[] Limits<TRow>(StageLayout<TRow> layout) =>
        [.. layout.Columns.Where(c => c.Type == StageType.Text).Select(c => (c.Name, c.MaxLength))];

    private static string[] Expected(string table)
    {
        var (layoutColumns, resolved) = table switch
        {
            "agent_extended" => (AgentExtendedStaging.Layout.Columns.Select(c => c.Name), new[] { "agent_key", "queue_key" }),
            "queue_stats" => (QueueStatsStaging.Layout.Columns.Select(c => c.Name), ["queue_key"]),
            "segment" => (SegmentStaging.Layout.Columns.Select(c => c.Name), ["agent_key", "is_unchanged"]),
            "agent_stats" => (AgentStatsStaging.Layout.Columns.Select(c => c.Name), ["agent_key"]),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
        };

        return [.. new[] { "load_batch_id" }.Concat(layoutColumns).Concat(resolved)];
    }

    private static IEnumerable<string> NumberedScripts(string engine) =>
        Directory.EnumerateFiles(RepoPaths.SqlFolder(engine), "*.sql").Order(StringComparer.Ordinal).Select(File.ReadAllText);

    [GeneratedRegex(@"^\s+([a-z_0-9]+)\s", RegexOptions.Multiline)]
    private static partial Regex ColumnName();
}
