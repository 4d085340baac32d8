using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.InteropServices;
using AgiIdent.Agi;
using AgiIdent.CallerId;
using AgiIdent.Hosting;
using AgiIdent.Numbering;
using AgiIdent.Rules;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>
/// <c>agiident-load alloc</c>: the bytes one found caller's session allocates in the daemon, part by part, counted
/// exactly (<see cref="GC.GetTotalAllocatedBytes(bool)"/> with <c>precise</c>) with nothing else running: the same
/// demo caller as <c>round-trip</c>, served by the real <see cref="AgiConnectionHandler"/> over in-memory pipes (no
/// sockets, no Kestrel), with Asterisk's environment block and its <c>200 result=1</c> written before the session starts.
/// The pipes and the connection are reused, so what is counted is the daemon's own work.
/// </summary>
internal static class AllocBench
{
    private const string Caller = "0441234567";

    /// <summary>Prints one row per part: bytes per session and gen0 collections per 10,000 sessions.</summary>
    public static async Task<int> RunAsync(int iterations, TextWriter output)
    {
        output.WriteLine(Invariant($"runtime  {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores; {iterations} sessions per row after as many not counted"));
        output.WriteLine("| part | bytes per session | gen0 per 10,000 sessions |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (calls, mask) in new[] { ("Warning", false), ("Information", false), ("Information", true) })
        {
            await using var server = await StartAsync(calls, mask).ConfigureAwait(false);
            var services = server.Services;
            var handler = ActivatorUtilities.CreateInstance<AgiConnectionHandler>(services);
            var block = AsteriskLoadClient.EnvironmentBlock(new IPEndPoint(IPAddress.Loopback, 4573), Caller, 0, out _, out _);
            var connection = new PipeConnection();
            if (calls == "Warning")
            {
                var limits = new AgiLimits();
                var numbers = services.GetRequiredService<NumberParser>();
                var identifier = services.GetRequiredService<CallerIdentifier>();
                var rules = services.GetRequiredService<RuleSet>();
                var identification = identifier.IdentifyAsync(Caller, null, default).AsTask().Result;
                var noOptions = new Dictionary<string, string>();
                await RowAsync(output, "environment block read (AgiSession.AcceptAsync)", iterations, async () =>
                {
                    connection.Feed(block, reply: false);
                    using var session = await AgiSession.AcceptAsync(connection.Transport, limits, default).ConfigureAwait(false);
                    connection.Recycle();
                }).ConfigureAwait(false);
                await RowAsync(output, "caller read (NumberParser.ReadCaller)", iterations, () =>
                {
                    _ = numbers.ReadCaller(Caller);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                await RowAsync(output, "identification (CallerIdentifier.IdentifyAsync, read included)", iterations, () =>
                {
                    var lookup = identifier.IdentifyAsync(Caller, null, default);
                    return lookup.IsCompleted ? Task.CompletedTask : lookup.AsTask();
                }).ConfigureAwait(false);
                var directory = services.GetRequiredService<AgiIdent.Directory.IPartyDirectory>();
                var screens = services.GetRequiredService<AgiIdent.Display.ScreenProfiles>();
                var caller = numbers.ReadCaller(Caller)!;
                var found = directory.FindAsync(caller.E164, default).AsTask().Result;
                await RowAsync(output, "  of which: directory lookup (IPartyDirectory.FindAsync)", iterations, () =>
                {
                    _ = directory.FindAsync(caller.E164, default).AsTask();
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                await RowAsync(output, "  of which: screen text (ScreenComposer.Compose)", iterations, () =>
                {
                    _ = AgiIdent.Display.ScreenComposer.Compose(screens.Default, found.Matches[0], found.Matches.Count, caller);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                var contract = ContractVariables.For(identification);
                await RowAsync(output, "  of which: contract variables (ContractVariables.For)", iterations, () =>
                {
                    _ = ContractVariables.For(identification);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                await RowAsync(output, "  of which: the ARRAY command (AgiCommand.SetVariables)", iterations, () =>
                {
                    _ = AgiCommand.SetVariables(contract, AgiVariableCommands.Array);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                await RowAsync(output, "answer (CallAnswer.ForCaller: facts, rules, variables, command)", iterations, () =>
                {
                    _ = CallAnswer.ForCaller(identification, rules, "0443334455", string.Empty, noOptions, AgiVariableCommands.Array);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
            }

            var what = calls == "Warning"
                ? "whole session (AgiConnectionHandler), AgiIdent.Calls at Warning as in round-trip"
                : $"whole session, summary line logged{(mask ? " with the caller masked" : string.Empty)} (Serilog console sink on stderr)";
            await RowAsync(output, what, iterations, async () =>
            {
                connection.Feed(block, reply: true);
                await handler.OnConnectedAsync(connection).ConfigureAwait(false);
                connection.Recycle();
            }).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task RowAsync(TextWriter output, string part, int iterations, Func<Task> session)
    {
        for (var i = 0; i < iterations; i++)
        {
            await session().ConfigureAwait(false);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen0 = GC.CollectionCount(0);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < iterations; i++)
        {
            await session().ConfigureAwait(false);
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        gen0 = GC.CollectionCount(0) - gen0;
        output.WriteLine(Invariant($"| {part} | {bytes / (double)iterations:0} | {gen0 * 10_000.0 / iterations:0.#} |"));
    }

    private static async Task<AgiIdentHost> StartAsync(string callsLogLevel, bool mask)
    {
        var settings = InProcessServer.Settings(callsLogLevel);
        settings["AgiIdent:MaskCallerNumbers"] = mask ? "true" : "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var host = AgiIdentHost.Create(configuration);
        await host.StartAsync().ConfigureAwait(false);
        return host;
    }


    /// <summary>
    /// A connection over two reused pipes: Asterisk's side is written before the session, the daemon's output drained
    /// after it, both reset for the next session, so the harness itself allocates nothing per session.
    /// </summary>
    private sealed class PipeConnection : ConnectionContext, IDuplexPipe
    {
        private static readonly ReadOnlyMemory<byte> Reply = "200 result=1\n"u8.ToArray();
        private readonly Pipe _fromAsterisk = new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false));
        private readonly Pipe _toAsterisk = new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false));

        public PipeConnection() => RemoteEndPoint = new IPEndPoint(IPAddress.Loopback, 40000);

        public PipeReader Input => _fromAsterisk.Reader;

        public PipeWriter Output => _toAsterisk.Writer;

        public override IDuplexPipe Transport { get => this; set => throw new NotSupportedException(); }

        public override string ConnectionId { get; set; } = "0HN0000000001";

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

        public void Feed(byte[] block, bool reply)
        {
            var writer = _fromAsterisk.Writer;
            writer.Write(block);
            if (reply)
            {
                writer.Write(Reply.Span);
            }

            Flush(writer);
        }

        public void Recycle()
        {
            Flush(_toAsterisk.Writer);
            if (_toAsterisk.Reader.TryRead(out var sent))
            {
                _toAsterisk.Reader.AdvanceTo(sent.Buffer.End);
            }

            _fromAsterisk.Writer.Complete();
            _fromAsterisk.Reader.Complete();
            _toAsterisk.Writer.Complete();
            _toAsterisk.Reader.Complete();
            _fromAsterisk.Reset();
            _toAsterisk.Reset();
        }

        private static void Flush(PipeWriter writer)
        {
            var flush = writer.FlushAsync();
            _ = flush.IsCompleted ? flush.Result : flush.AsTask().Result;
        }
    }
}
