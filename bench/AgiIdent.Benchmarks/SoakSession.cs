using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgiIdent.Benchmarks;

/// <summary>One session as the soak plays it, on a blocking socket (one thread per client, as the load runner does).</summary>
internal static class SoakSession
{
    /// <summary>A session the server has not closed after this long is an error: nothing the daemon does takes longer.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private const string HostileName = "\"Evil\" ${SHELL(touch /tmp/x)} a,b|c;d (x [y] \\z";

    /// <summary>Plays <paramref name="kind"/>; returns the <c>AGIIDENT_STATUS</c> sent (null when none), the time from connect to the server's close, and whether it closed within <see cref="Limit"/>.</summary>
    public static (string? Status, TimeSpan Elapsed, bool Closed) Play(IPEndPoint server, SoakKind kind, string caller, int budgetMs, Random? random = null)
    {
        random ??= Random.Shared;
        var clock = Stopwatch.StartNew();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.ReceiveTimeout = (int)Limit.TotalMilliseconds;
        try
        {
            socket.Connect(server);
            var environment = Environment(caller, kind == SoakKind.Hostile);
            switch (kind)
            {
                case SoakKind.Garbage:
                    var garbage = new byte[random.Next(1, 600)];
                    random.NextBytes(garbage);
                    socket.Send(garbage);
                    socket.Send("\n\n"u8);
                    return Ended(DrainUntilClosed(socket, clock), clock);
                case SoakKind.EarlyHangup:
                    socket.Send(environment);
                    if (random.Next(2) == 0)
                    {
                        socket.Send("HANGUP\n"u8);
                        return Ended(DrainUntilClosed(socket, clock, answer: true), clock);
                    }

                    socket.Shutdown(SocketShutdown.Both);
                    return (null, clock.Elapsed, true);
                case SoakKind.StalledEnvironment:
                    socket.Send(environment.AsSpan(0, environment.Length / 2));
                    return Ended(DrainUntilClosed(socket, clock), clock);
                case SoakKind.StalledReply:
                    socket.Send(environment);
                    return Ended(DrainUntilClosed(socket, clock), clock);
                default:
                    socket.Send(environment);
                    var status = AnswerUntilClosed(socket, clock, out var closed);
                    return (status, clock.Elapsed, closed);
            }
        }
        catch (SocketException)
        {
            // Refused or reset: the server is not doing its job (it never refuses loopback below MaxSessions).
            return (null, clock.Elapsed, false);
        }
    }

    /// <summary>The result of a session that sends no answer to wait for: timed after the server closed it.</summary>
    private static (string? Status, TimeSpan Elapsed, bool Closed) Ended(bool closed, Stopwatch clock) => (null, clock.Elapsed, closed);

    /// <summary>Answers every command <c>200 result=1</c> until the server closes; the status is the first value of the first <c>SET VARIABLE</c>.</summary>
    private static string? AnswerUntilClosed(Socket socket, Stopwatch clock, out bool closed)
    {
        string? status = null;
        var pending = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = socket.Receive(buffer);
            }
            catch (SocketException)
            {
                closed = false;
                return status;
            }

            if (read == 0)
            {
                closed = clock.Elapsed < Limit;
                return status;
            }

            pending.AddRange(buffer.AsSpan(0, read));
            int lineFeed;
            while ((lineFeed = pending.IndexOf((byte)'\n')) >= 0)
            {
                var line = Encoding.UTF8.GetString([.. pending.GetRange(0, lineFeed)]);
                pending.RemoveRange(0, lineFeed + 1);
                status ??= Status(line);
                socket.Send("200 result=1\n"u8);
            }
        }
    }

    /// <summary>Reads (answering commands when <paramref name="answer"/>) until the server closes; false when it did not within the limit.</summary>
    private static bool DrainUntilClosed(Socket socket, Stopwatch clock, bool answer = false)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = socket.Receive(buffer);
                if (read == 0)
                {
                    return clock.Elapsed < Limit;
                }

                if (answer && buffer.AsSpan(0, read).Contains((byte)'\n'))
                {
                    socket.Send("200 result=1\n"u8);
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A server that closes on unread garbage resets the connection: closed all the same.
            return clock.Elapsed < Limit;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary><c>AGIIDENT_STATUS</c>'s value from a command line, as Asterisk would store it: an ARRAY list or a single SET VARIABLE.</summary>
    private static string? Status(string line)
    {
        var words = AsteriskCommandReader.ParseArgs(Encoding.UTF8.GetBytes(line));
        if (words.Words.Count != 4 || !words.Words[0].AsSpan().SequenceEqual("SET"u8) || !words.Words[1].AsSpan().SequenceEqual("VARIABLE"u8))
        {
            return null;
        }

        var status = AsteriskCommandReader.SetVariable(words).FirstOrDefault(v => v.Key == "AGIIDENT_STATUS");
        return status.Key is null ? null : status.Value;
    }

    private static byte[] Environment(string caller, bool hostile) =>
        new AsteriskEnvironment
        {
            Request = "agi://127.0.0.1/ident",
            Channel = "PJSIP/trunk-00000001",
            Language = "uk",
            UniqueId = "1700000000.1",
            CallerId = caller,
            CallerIdName = hostile ? HostileName : "unknown",
            Priority = "1",
            ThreadId = "1",
            Arguments = hostile ? [HostileName] : [],
        }.ToBytes();
}
