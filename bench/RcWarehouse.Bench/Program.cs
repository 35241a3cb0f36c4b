using RcWarehouse.Bench;

return await LoadBenchmark.MainAsync(args, CancellationToken.None);
