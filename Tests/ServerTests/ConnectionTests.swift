import Assessment
import Dialogue
import Foundation
import Logging
import NIOCore
import NIOEmbedded
import NIOExtras
import Testing

@testable import Server

/// A connection's backpressure and fairness (issue 10, point 5), on an in-process channel.
@Suite struct ConnectionTests {
    func server() async throws -> SocketServer {
        let options = ServerOptions(socketPath: "/nonexistent/tt.sock", store: .memory, checksPeer: false)
        return try await SocketServer(
            options: options, knowledge: try Knowledge.embedded(), logger: Logger(label: "test"))
    }

    func channel(_ server: SocketServer, writable: Bool = true) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        channel.isWritable = writable
        let flusher = StoreFlusher(conversations: server.conversations, eventLoop: channel.eventLoop)
        try channel.pipeline.syncOperations.addHandler(ConnectionHandler(server: server, flusher: flusher))
        try channel.connect(to: SocketAddress(unixDomainSocketPath: "/nonexistent/tt.sock")).wait()
        return channel
    }

    /// `count` say requests, each for a conversation of its own, in one buffer.
    func requests(_ count: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        for index in 0..<count { buffer.writeString(#"{"conversation":"c\#(index)","text":"hi"}"# + "\n") }
        return buffer
    }

    func replies(_ channel: EmbeddedChannel) throws -> Int {
        var count = 0
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            count += buffer.readableBytesView.filter { $0 == UInt8(ascii: "\n") }.count
        }
        return count
    }

    /// A client that does not take its replies gets no work done for it: the lines wait, undecoded.
    @Test func aClientThatDoesNotReadGetsNothingDecodedOrAnswered() async throws {
        let server = try await server()
        let channel = try channel(server, writable: false)
        try channel.writeInbound(requests(500))
        channel.embeddedEventLoop.run()
        #expect(server.conversations.count == 0)
        // Once it reads again, every line is answered, in turns.
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.run()
        #expect(server.conversations.count == 500)
        #expect(try replies(channel) == 500)
        _ = try channel.finish()
    }

    /// The lines of a connection that closed are dropped, not worked through.
    @Test func aClosedConnectionsQueuedLinesAreDropped() async throws {
        let server = try await server()
        let channel = try channel(server, writable: false)
        try channel.writeInbound(requests(300))
        channel.close(promise: nil)
        channel.isWritable = true
        channel.embeddedEventLoop.run()
        #expect(server.conversations.count == 0)
    }

    /// A last line without its newline, followed by the end of the input, is not applied.
    @Test func aLastLineWithoutNewlineIsNotApplied() async throws {
        let server = try await server()
        let channel = try channel(server)
        let lines = #"{"conversation":"a","text":"hi"}"# + "\n" + #"{"conversation":"b","text":"hi"}"#
        try channel.writeInbound(ByteBuffer(string: lines))
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        channel.embeddedEventLoop.run()
        #expect(server.conversations.count == 1)
        #expect(try replies(channel) == 1)
    }

    /// One connection cannot take every conversation slot.
    @Test func liveConversationsPerConnectionAreBounded() async throws {
        let conversations = Conversations(
            knowledge: try Knowledge.embedded(), store: MemoryStore(), limits: .init(maximumPerConnection: 2))
        let owner = conversations.newOwner()
        func start(_ name: String, owner: Int) -> ErrorCode? {
            switch conversations.handle(Request(conversation: name, kind: .start), now: 0, owner: owner).0 {
            case .success: nil
            case .failure(let error): error.code
            }
        }
        #expect(start("a", owner: owner) == nil)
        #expect(start("b", owner: owner) == nil)
        #expect(start("c", owner: owner) == .limitReached)
        #expect(start("c", owner: conversations.newOwner()) == nil)
        _ = conversations.handle(Request(conversation: "a", kind: .end), now: 0)
        #expect(start("d", owner: owner) == nil)
    }

    // MARK: The plain-text mode

    /// Monday 24 November 2025, noon UTC.
    static let monday = 1_764_000_000.0

    /// The replies, one buffer each, to `lines` sent in plain text at `now`.
    func plainReplies(_ lines: [String], now: Double) async throws -> [String] {
        let server = try await server()
        let channel = EmbeddedChannel()
        let flusher = StoreFlusher(conversations: server.conversations, eventLoop: channel.eventLoop)
        try channel.pipeline.syncOperations.addHandler(
            ConnectionHandler(server: server, flusher: flusher, clock: { now }))
        try await channel.connect(to: SocketAddress(unixDomainSocketPath: "/nonexistent/tt.sock")).get()
        var replies: [String] = []
        for line in lines {
            try channel.writeInbound(ByteBuffer(string: line + "\n"))
            channel.embeddedEventLoop.run()
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) { replies.append(String(buffer: buffer)) }
        }
        _ = try? channel.finish()
        return replies
    }

    /// A plain-text session is a conversation like a JSON one: the same sentences for the same lines on the same
    /// day, relative dates ("since last Monday") included. (The plain mode built its own interview without a date.)
    @Test func plainTextIsReadAsAJSONConversationIs() async throws {
        let lines = ["my left eyelid keeps twitching", "no", "since last Monday", "a few seconds"]
        let conversations = Conversations(knowledge: try Knowledge.embedded(), store: MemoryStore(), limits: .init())
        let expected = try lines.map { line in
            let turn = try conversations.handle(
                Request(conversation: "c", kind: .say(line)), now: Self.monday
            ).0.get()
            return turn.lines.map { $0 + "\n" }.joined()
        }
        #expect(try await plainReplies(lines, now: Self.monday) == expected)
    }

    /// A line too long for the plain mode is answered with the knowledge file's message.
    @Test func aTooLongPlainLineGetsTheKnowledgeFilesMessage() async throws {
        let knowledge = try Knowledge.embedded()
        let long = String(repeating: "x", count: 70_000)
        let replies = try await plainReplies(["hello", long], now: Self.monday)
        let message = knowledge.messages[.tooLong].replacingOccurrences(
            of: "{limit}", with: String(Interview.maximumAnswerLength))
        #expect(replies.last == message + "\n")
    }

    // MARK: On an asynchronous test channel

    /// Pipelined requests are answered in order; told to quiesce (the server is stopping), the connection answers
    /// what it took, takes nothing more, and closes.
    @Test func pipelinedRequestsAreAnsweredInOrderThenQuiescingCloses() async throws {
        let server = try await server()
        let channel = try await NIOAsyncTestingChannel { channel in
            let flusher = StoreFlusher(conversations: server.conversations, eventLoop: channel.eventLoop)
            try channel.pipeline.syncOperations.addHandler(ConnectionHandler(server: server, flusher: flusher))
        }
        try await channel.connect(to: SocketAddress(unixDomainSocketPath: "/nonexistent/tt.sock")).get()
        var lines = ""
        for index in 0..<5 { lines += #"{"id":\#(index),"conversation":"c\#(index % 2)","text":"hi"}"# + "\n" }
        try await channel.writeInbound(ByteBuffer(string: lines))
        var ids: [Int] = []
        for _ in 0..<5 {
            let reply = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
            let object = try JSONSerialization.jsonObject(with: Data(reply.readableBytesView)) as? [String: Any]
            ids.append(try #require(object?["id"] as? Int))
        }
        #expect(ids == [0, 1, 2, 3, 4])
        try await channel.testingEventLoop.executeInContext {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        try await channel.closeFuture.get()
        #expect(server.conversations.count == 2)
        #expect(server.connections.count == 0)
    }
}
