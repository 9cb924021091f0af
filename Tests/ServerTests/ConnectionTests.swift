import Assessment
import Foundation
import Logging
import NIOCore
import NIOEmbedded
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
}
