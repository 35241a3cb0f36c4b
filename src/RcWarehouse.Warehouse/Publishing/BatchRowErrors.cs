namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The warehouse's own refusals of a batch's rows (outside the window, a repeated grain, no dimension version at the
/// row's time). They are marked, so that the engine can add the batch's file to their message, as a parser names the
/// file in its own errors, without touching errors that already carry their location.
/// </summary>
internal static class BatchRowErrors
{
    private const string Marker = "RcWarehouse.BatchRowRefused";

    public static InvalidDataException Refused(string message, Exception? inner = null)
    {
        var refused = new InvalidDataException(message, inner);
        refused.Data[Marker] = true;
        return refused;
    }

    public static bool IsRefusal(Exception exception) => exception.Data.Contains(Marker);
}
