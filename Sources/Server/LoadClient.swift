import Foundation
import NIOCore
import NIOPosix

/// The benchmark client: many connections to a Unix socket, each keeping `depth` request lines in flight,
/// counting reply lines and timing each round trip. Works against any line server (also an echo server).
public enum LoadClient {
    public struct Plan: Sendable {
        public var socketPath: String
        public var connections: Int
        /// Conversations per connection, used in turn.
        public var conversationsPerConnection: Int
        /// Requests each connection sends.
        public var requestsPerConnection: Int
        /// Requests in flight per connection.
        public var depth: Int
        /// A prefix for conversation names, so that runs do not share conversations.
        public var prefix: String

        public init(
            socketPath: String, connections: Int, conversationsPerConnection: Int, requestsPerConnection: Int,
            depth: Int, prefix: String
        ) {
            self.socketPath = socketPath
            self.connections = connections
            self.conversationsPerConnection = conversationsPerConnection
            self.requestsPerConnection = requestsPerConnection
            self.depth = depth
            self.prefix = prefix
        }
    }

    public struct Figures: Sendable {
        public var roundTrips: Int
        public var errors: Int
        public var seconds: Double
        public var p50: Double
        public var p99: Double
        public var roundTripsPerSecond: Double { Double(roundTrips) / seconds }
    }

    struct Start {}

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let requests: [ByteBuffer]
        let depth: Int
        let done: EventLoopPromise<([UInt64], Int)>
        var sent = 0
        var received = 0
        var errors = 0
        var sendTimes: [UInt64] = []
        var sendHead = 0
        var latencies: [UInt64] = []

        init(requests: [ByteBuffer], depth: Int, done: EventLoopPromise<([UInt64], Int)>) {
            self.requests = requests
            self.depth = depth
            self.done = done
            latencies.reserveCapacity(requests.count)
            sendTimes.reserveCapacity(requests.count)
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            guard event is Start else { return context.fireUserInboundEventTriggered(event) }
            while sent < min(depth, requests.count) { send(context) }
            context.flush()
        }

        func send(_ context: ChannelHandlerContext) {
            sendTimes.append(DispatchTime.now().uptimeNanoseconds)
            context.write(wrapOutboundOut(requests[sent]), promise: nil)
            sent += 1
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            let now = DispatchTime.now().uptimeNanoseconds
            var wrote = false
            for byte in buffer.readableBytesView where byte == UInt8(ascii: "\n") {
                received += 1
                if sendHead < sendTimes.count {
                    latencies.append(now - sendTimes[sendHead])
                    sendHead += 1
                }
                if sent < requests.count {
                    send(context)
                    wrote = true
                }
            }
            if buffer.readableBytesView.firstRange(of: Array(#""error""#.utf8)) != nil { errors += 1 }
            if wrote { context.flush() }
            if received >= requests.count { done.succeed((latencies, errors)) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            done.succeed((latencies, errors + (requests.count - received)))
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// The request lines of one connection: a greeting-worthy opening per conversation, then "no".
    static func requests(plan: Plan, connection: Int) -> [ByteBuffer] {
        (0..<plan.requestsPerConnection).map { index in
            let conversation = index % plan.conversationsPerConnection
            let text = index < plan.conversationsPerConnection ? "my left eyelid keeps twitching" : "no"
            return ByteBuffer(
                string:
                    #"{"conversation":"\#(plan.prefix)\#(connection)-\#(conversation)","id":\#(index),"text":"\#(text)"}"#
                    + "\n")
        }
    }

    /// Connects every connection, then starts them all at once and waits for the last reply.
    public static func run(_ plan: Plan, threads: Int = 2) async throws -> Figures {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        var channels: [any Channel] = []
        var results: [EventLoopFuture<([UInt64], Int)>] = []
        for connection in 0..<plan.connections {
            let loop = group.next()
            let done = loop.makePromise(of: ([UInt64], Int).self)
            let requests = requests(plan: plan, connection: connection)
            let bootstrap = ClientBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            Handler(requests: requests, depth: plan.depth, done: done))
                    }
                }
            // A listener with a full backlog answers EAGAIN: retry for a while.
            var attempt = 0
            let channel: any Channel
            while true {
                do {
                    channel = try await bootstrap.connect(unixDomainSocketPath: plan.socketPath).get()
                    break
                } catch {
                    attempt += 1
                    if attempt > 200 { throw error }
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            channels.append(channel)
            results.append(done.futureResult)
        }
        let started = DispatchTime.now().uptimeNanoseconds
        for channel in channels { channel.pipeline.fireUserInboundEventTriggered(Start()) }
        var latencies: [UInt64] = []
        var errors = 0
        for result in results {
            let (some, failed) = try await result.get()
            latencies += some
            errors += failed
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        for channel in channels { try? await channel.close() }
        try? await group.shutdownGracefully()
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1e3
        }
        return Figures(
            roundTrips: latencies.count, errors: errors, seconds: seconds, p50: percentile(0.50), p99: percentile(0.99))
    }
}
