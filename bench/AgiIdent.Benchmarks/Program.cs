using AgiIdent.Benchmarks;

return await LoadCommandLine.RunAsync(args).ConfigureAwait(false);
