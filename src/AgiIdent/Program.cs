using AgiIdent.Cli;

return await AgiIdentCommandLine.RunAsync(args).ConfigureAwait(false);
