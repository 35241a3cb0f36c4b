using System.Globalization;
using System.Text.Json;

namespace RcWarehouse.Simulator.Reports;

/// <summary>Renders the contact center's numbers in each generation's shape: legacy snake_case CSV/XML, current camelCase JSON.</summary>
internal static class ReportRenderer
{
    private static readonly string[] AgentExtendedColumns =
        ["interval", "date_from", "time (H24:MI)", "agent_id", "agent_name", "queue", "queue_name", "talking_call_dur", "wrap_up_dur", "answ_call_cnt", "transfer_out_call_cnt"];

    // The loader knows all of these but ringing_dur and hold_dur: those two stand for fields RingCX may add, which the
    // loader must keep without knowing them (fact_agent_interval_measure).
    private static readonly string[] AgentColumns =
    [
        "interval", "date_from", "time (H24:MI)", "agent_id", "agent_name", "logged_in_dur", "available_dur", "ringing_dur", "talking_call_dur",
        "wrap_up_dur", "away_dur", "hold_dur", "presented_call_cnt", "answ_call_cnt", "transfer_out_call_cnt",
    ];

    private static readonly string[] QueueColumns =
    [
        "interval", "date_from", "time (H24:MI)", "queue", "queue_name", "offd_direct_call_cnt", "overflow_in_call_cnt", "aband_call_cnt",
        "overflow_out_call_cnt", "answ_call_cnt", "queued_and_answ_call_dur", "queued_and_aband_call_dur", "talking_call_dur", "wrap_up_dur",
        "queued_answ_longest_que_dur", "queued_aband_longest_que_dur", "ans_servicelevel_cnt", "wait_dur", "aband_short_call_cnt", "aband_within_sl_cnt",
    ];

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static ReportTable LegacyAgentExtended(IEnumerable<AgentQueueIntervalStats> rows, TimeZoneInfo zone)
    {
        var table = new ReportTable(AgentExtendedColumns);
        foreach (var r in rows)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(r.IntervalStartUtc, zone);
            table.Add(N(r.IntervalMinutes), Date(local), Time(local), N(r.Agent.AgentId), r.Agent.FullName, N(r.Queue.QueueId), r.Queue.QueueName,
                N(r.TalkingCallDur), N(r.WrapUpDur), N(r.AnswCallCnt), N(r.TransferOutCallCnt));
        }

        return table;
    }

    public static ReportTable LegacyAgent(IEnumerable<AgentIntervalStats> rows, TimeZoneInfo zone)
    {
        var table = new ReportTable(AgentColumns);
        foreach (var r in rows)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(r.IntervalStartUtc, zone);
            table.Add(N(r.IntervalMinutes), Date(local), Time(local), N(r.Agent.AgentId), r.Agent.FullName, N(r.LoggedInDur), N(r.AvailableDur),
                N(r.RingingDur), N(r.TalkingCallDur), N(r.WrapUpDur), N(r.AwayDur), N(r.HoldDur), N(r.PresentedCallCnt), N(r.AnswCallCnt),
                N(r.TransferOutCallCnt));
        }

        return table;
    }

    public static ReportTable LegacyQueue(IEnumerable<QueueIntervalStats> rows, TimeZoneInfo zone)
    {
        var table = new ReportTable(QueueColumns);
        foreach (var r in rows)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(r.IntervalStartUtc, zone);
            table.Add(N(r.IntervalMinutes), Date(local), Time(local), N(r.Queue.QueueId), r.Queue.QueueName, N(r.OffdDirectCallCnt), N(r.OverflowInCallCnt),
                N(r.AbandCallCnt), N(r.OverflowOutCallCnt), N(r.AnswCallCnt), N(r.QueuedAndAnswCallDur), N(r.QueuedAndAbandCallDur), N(r.TalkingCallDur),
                N(r.WrapUpDur), N(r.QueuedAnswLongestQueDur), N(r.QueuedAbandLongestQueDur), N(r.AnsServicelevelCnt), N(r.WaitDur), N(r.AbandShortCallCnt),
                N(r.AbandWithinSlCnt));
        }

        return table;
    }

    public static byte[] CxAgentExtended(IEnumerable<AgentQueueIntervalStats> rows, TimeZoneInfo zone) => Json(writer =>
    {
        foreach (var r in rows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("interval", r.IntervalMinutes);
            writer.WriteString("dateTimeFrom", CxDateTime(r.IntervalStartUtc, zone));
            writer.WriteString("agentId", N(r.Agent.AgentId));
            writer.WriteString("agentName", r.Agent.FullName);
            writer.WriteString("queue", N(r.Queue.QueueId));
            writer.WriteString("queueName", r.Queue.QueueName);
            writer.WriteNumber("talkingIxnDur", r.TalkingCallDur);
            writer.WriteNumber("wrapUpDur", r.WrapUpDur);
            writer.WriteNumber("answIxnCnt", r.AnswCallCnt);
            writer.WriteNumber("transferOutIxnCnt", r.TransferOutCallCnt);
            writer.WriteEndObject();
        }
    });

    public static byte[] CxAgent(IEnumerable<AgentIntervalStats> rows, TimeZoneInfo zone) => Json(writer =>
    {
        foreach (var r in rows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("interval", r.IntervalMinutes);
            writer.WriteString("dateTimeFrom", CxDateTime(r.IntervalStartUtc, zone));
            writer.WriteString("agentId", N(r.Agent.AgentId));
            writer.WriteString("agentName", r.Agent.FullName);
            writer.WriteNumber("loggedInDur", r.LoggedInDur);
            writer.WriteNumber("availableDur", r.AvailableDur);
            writer.WriteNumber("ringingDur", r.RingingDur);
            writer.WriteNumber("talkingIxnDur", r.TalkingCallDur);
            writer.WriteNumber("wrapUpDur", r.WrapUpDur);
            writer.WriteNumber("awayDur", r.AwayDur);
            writer.WriteNumber("holdDur", r.HoldDur);
            writer.WriteNumber("presentedIxnCnt", r.PresentedCallCnt);
            writer.WriteNumber("answIxnCnt", r.AnswCallCnt);
            writer.WriteNumber("transferOutIxnCnt", r.TransferOutCallCnt);
            writer.WriteEndObject();
        }
    });

    public static byte[] CxQueue(IEnumerable<QueueIntervalStats> rows, TimeZoneInfo zone) => Json(writer =>
    {
        foreach (var r in rows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("interval", r.IntervalMinutes);
            writer.WriteString("dateTimeFrom", CxDateTime(r.IntervalStartUtc, zone));
            writer.WriteString("queue", N(r.Queue.QueueId));
            writer.WriteString("queueName", r.Queue.QueueName);
            writer.WriteNumber("offdDirectIxnCnt", r.OffdDirectCallCnt);
            writer.WriteNumber("overflowInIxnCnt", r.OverflowInCallCnt);
            writer.WriteNumber("abandIxnCnt", r.AbandCallCnt);
            writer.WriteNumber("overflowOutIxnCnt", r.OverflowOutCallCnt);
            writer.WriteNumber("answIxnCnt", r.AnswCallCnt);
            writer.WriteNumber("queuedAndAnswIxnDur", r.QueuedAndAnswCallDur);
            writer.WriteNumber("queuedAndAbandIxnDur", r.QueuedAndAbandCallDur);
            writer.WriteNumber("talkingIxnDur", r.TalkingCallDur);
            writer.WriteNumber("wrapUpDur", r.WrapUpDur);
            writer.WriteNumber("queuedAnswLongestQueDur", r.QueuedAnswLongestQueDur);
            writer.WriteNumber("queuedAbandLongestQueDur", r.QueuedAbandLongestQueDur);
            writer.WriteNumber("ansServicelevelCnt", r.AnsServicelevelCnt);
            writer.WriteNumber("waitDur", r.WaitDur);
            writer.WriteNumber("abandShortIxnCnt", r.AbandShortCallCnt);
            writer.WriteNumber("abandWithinSlCnt", r.AbandWithinSlCnt);
            writer.WriteNumber("completedContacts", r.CompletedContacts);
            writer.WriteNumber("segmentHoldTime", r.SegmentHoldTimeMs);
            writer.WriteEndObject();
        }
    });

    /// <summary>Legacy v2 interaction metadata, field for field like the public sample (seed 000).</summary>
    /// <param name="segments">The segments to render.</param>
    /// <param name="subAccountId">Their sub-account.</param>
    /// <param name="recordingHost">Scheme and host the recording URLs point at (the simulator serving them); null: an unreachable example host.</param>
    public static byte[] LegacySegments(IEnumerable<SegmentSnapshot> segments, string subAccountId, string? recordingHost = null) => Json(writer =>
    {
        foreach (var s in segments)
        {
            writer.WriteStartObject();
            writer.WriteString("interactionId", s.Call.InteractionId);
            writer.WriteString("interactionStartTimeMs", IsoMs(s.Call.StartUtc));
            writer.WriteNumber("interactionDurationMs", (long)(s.Call.Legs[^1].EndUtc - s.Call.StartUtc).TotalMilliseconds);
            writer.WriteNumber("segmentID", s.Leg.SegmentNumber);
            writer.WriteNumber("segmentAgentId", s.Agent.RcUserId);
            writer.WriteString("segmentContactStartTimeMs", IsoMs(s.Leg.StartUtc));
            if (s.Ended)
            {
                writer.WriteString("segmentContactEndTimeMs", IsoMs(s.Leg.EndUtc));
            }

            writer.WriteNumber("segmentDuration", s.Leg.TalkSec);
            writer.WriteString("interactionCallingAddress", s.Call.CallingAddress);
            writer.WriteString("interactionCalledAddress", s.Call.CalledAddress);
            writer.WriteString("interactionDirection", "INBOUND");
            writer.WriteString("segmentRecordingURL", s.RecordingAvailable ? RecordingUrl(subAccountId, s, recordingHost) : "");
            writer.WriteString("segmentAgentGroupId", s.Agent.AgentGroupId);
            WriteExtraFields(writer, s, "channelEndpointAddress", s.Call.CalledAddress);
            writer.WriteStartArray("segmentEvents");
            if (s.RecordingAvailable)
            {
                foreach (var (type, at) in RecordingEvents(s.Leg))
                {
                    writer.WriteStartObject();
                    writer.WriteString("eventTimeMs", IsoMs(at));
                    writer.WriteString("clientEventTimeMs", IsoMs(at.AddMilliseconds(-40)));
                    writer.WriteString("eventType", type);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    });

    /// <summary>Current-generation interaction metadata; ids are strings even where numeric.</summary>
    public static byte[] CxSegments(IEnumerable<SegmentSnapshot> segments, string subAccountId) => Json(writer =>
    {
        foreach (var s in segments)
        {
            var dialogEnd = s.Call.Legs[^1].EndUtc;
            writer.WriteStartObject();
            writer.WriteString("subAccountId", subAccountId);
            writer.WriteString("dialogId", "D" + s.Call.InteractionId);
            writer.WriteString("interactionId", s.Call.InteractionId);
            writer.WriteString("channelId", N(s.Call.QueueId));
            writer.WriteString("channelType", "VOICE");
            writer.WriteString("channelClass", "VOICE");
            writer.WriteString("channelEndpointAddress", s.Call.CalledAddress);
            writer.WriteString("contactEndpointAddress", s.Call.CallingAddress);
            writer.WriteString("dialogOrigination", "INBOUND");
            writer.WriteString("dialogStartTimeMs", IsoMs(s.Call.StartUtc));
            if (s.Ended && s.Leg == s.Call.Legs[^1])
            {
                writer.WriteString("dialogEndTimeMs", IsoMs(dialogEnd));
                writer.WriteNumber("dialogDurationMs", (long)(dialogEnd - s.Call.StartUtc).TotalMilliseconds);
            }
            else
            {
                writer.WriteNull("dialogEndTimeMs");
                writer.WriteNull("dialogDurationMs");
            }

            writer.WriteString("segmentId", N(s.Leg.SegmentNumber));
            writer.WriteString("segmentType", "AGENT");
            writer.WriteString("segmentParticipantId", N(s.Agent.AgentId));
            writer.WriteString("segmentParticipantRcExtensionId", N(s.Agent.RcUserId));
            writer.WriteString("segmentStartTimeMs", IsoMs(s.Leg.StartUtc));
            if (s.Ended)
            {
                writer.WriteString("segmentEndTimeMs", IsoMs(s.Leg.EndUtc));
                writer.WriteNumber("segmentDurationMs", s.Leg.TalkSec * 1000L);
            }
            else
            {
                writer.WriteNull("segmentEndTimeMs");
                writer.WriteNull("segmentDurationMs");
            }

            writer.WriteString("segmentAgentGroupId", s.Agent.AgentGroupId);
            writer.WriteNull("systemDisposition");
            writer.WriteString("agentDisposition", s.Ended ? (s.Leg.TransferredOut ? "Transferred" : "Resolved") : "");
            writer.WriteString("agentNotes", s.Ended && s.Leg.HoldMs > 0 ? "Customer put on hold to check account" : "");
            writer.WriteBoolean("hasRecording", s.RecordingAvailable);
            writer.WriteBoolean("hasTranscript", s.RecordingAvailable && s.Leg.TalkSec > 120);
            WriteExtraFields(writer, s, "interactionCallingAddress", s.Call.CallingAddress);
            if (s.RecordingAvailable)
            {
                writer.WriteStartArray("segmentEvents");
                foreach (var (type, at) in RecordingEvents(s.Leg))
                {
                    writer.WriteStartObject();
                    writer.WriteString("eventTimeMs", IsoMs(at));
                    writer.WriteString("clientEventTimeMs", IsoMs(at.AddMilliseconds(-40)));
                    writer.WriteString("eventType", type);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteNull("segmentEvents");
            }

            writer.WriteEndObject();
        }
    });

    /// <summary>
    /// Fields the warehouse has no column for, as a tenant's RingCX may send them (seed 000's metadata mapping): the other
    /// generation's name for a phone number (personal data arriving as an extra field) and two custom fields, an IVR
    /// language and a customer account number, derived from the interaction id so every pull serves the same values.
    /// </summary>
    private static void WriteExtraFields(Utf8JsonWriter writer, SegmentSnapshot s, string addressField, string address)
    {
        var digits = s.Call.InteractionId.Length >= 8 ? s.Call.InteractionId[^8..] : s.Call.InteractionId.PadLeft(8, '0');
        writer.WriteString(addressField, address);
        writer.WriteString("ivrLanguage", (digits[^1] - '0') % 3 == 0 ? "es-US" : "en-US");
        writer.WriteString("customerAccountNumber", "AC-" + digits);
    }

    /// <summary>REC_START at answer, a pause while on hold (REC_STOP, REC_START), REC_STOP at the end.</summary>
    private static IEnumerable<(string Type, DateTime At)> RecordingEvents(SimLeg leg)
    {
        yield return ("REC_START", leg.StartUtc);
        if (leg.HoldMs > 0 && leg.TalkSec * 1000 > leg.HoldMs + 20_000)
        {
            var holdStart = leg.StartUtc.AddSeconds(10);
            yield return ("REC_STOP", holdStart);
            yield return ("REC_START", holdStart.AddMilliseconds(leg.HoldMs));
        }

        yield return ("REC_STOP", leg.EndUtc);
    }

    private static string RecordingUrl(string subAccountId, SegmentSnapshot s, string? host) =>
        host is null
            ? string.Create(CultureInfo.InvariantCulture,
                $"https://recordings.simulator.invalid/api/v1/calls/recordings/?v=1&accountId={subAccountId}&file={subAccountId}/{s.Leg.StartUtc:yyyyMM/dd}/{s.Call.InteractionId}-{s.Leg.SegmentNumber}.WAV")
            : string.Create(CultureInfo.InvariantCulture,
                $"{host}{Recordings.RecordingEndpoints.LegacyPath}?v=1&accountId={subAccountId}&file={subAccountId}/{s.Leg.StartUtc:yyyyMM/dd}/{s.Call.InteractionId}-{s.Leg.SegmentNumber}.WAV");

    private static string Date(DateTime local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Like the one public example, <c>03-04-2024T05:00:00</c>.</summary>
    private static string CxDateTime(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("MM-dd-yyyy'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string IsoMs(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] Json(Action<Utf8JsonWriter> writeItems)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
