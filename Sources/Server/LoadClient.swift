import Foundation
import NIOCore
import NIOPosix

/// The benchmark client: many connections to a Unix socket, counting reply lines and timing each round trip. Works
/// against any line server (also an echo server). Two modes:
/// - closed loop (saturation): each connection keeps `depth` request lines in flight, sending the next as soon as a
///   reply arrives, so the figures are the most round trips per second the server manages;
/// - open loop (`rate`): the connections together send `rate` requests per second on a fixed schedule, whatever the
///   replies do; each round trip is timed from its scheduled send time (so a stall cannot hide its own delays),
///   which is the latency a client sees at that load.
public enum LoadClient {
    public struct Plan: Sendable {
        public var socketPath: String
        public var connections: Int
        /// Conversations per connection, used in turn.
        public var conversationsPerConnection: Int
        /// Requests each connection sends.
        public var requestsPerConnection: Int
        /// Requests in flight per connection (closed loop; ignored with a rate).
        public var depth: Int
        /// Requests per second over all connections (open loop), or nil for the closed loop.
        public var rate: Double?
        /// A prefix for conversation names, so that runs do not share conversations.
        public var prefix: String
        /// More servers' sockets: the connections go to `socketPath` and these in turn.
        public var otherSockets: [String] = []
        /// With several sockets, whether each conversation is used from a connection to each of them (at once), or
        /// (false) each conversation from one connection only.
        public var sharedConversations = false

        public init(
            socketPath: String, connections: Int, conversationsPerConnection: Int, requestsPerConnection: Int,
            depth: Int, rate: Double? = nil, prefix: String
        ) {
            self.socketPath = socketPath
            self.connections = connections
            self.conversationsPerConnection = conversationsPerConnection
            self.requestsPerConnection = requestsPerConnection
            self.depth = depth
            self.rate = rate
            self.prefix = prefix
        }
    }

    public struct Figures: Sendable {
        public var roundTrips: Int
        public var errors: Int
        public var seconds: Double
        public var p50: Double
        public var p99: Double
        public var p999: Double
        public var maximum: Double
        public var roundTripsPerSecond: Double { Double(roundTrips) / seconds }
    }

    struct Start {
        let at: NIODeadline
    }

    /// When one connection sends in the open loop: its first send, then one every `interval`.
    struct Schedule {
        let offset: TimeAmount
        let interval: TimeAmount
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let requests: [ByteBuffer]
        let depth: Int
        let schedule: Schedule?
        let done: EventLoopPromise<([UInt64], Int)>
        var sent = 0
        var received = 0
        var errors = 0
        var sendTimes: [UInt64] = []
        var sendHead = 0
        var latencies: [UInt64] = []

        init(requests: [ByteBuffer], depth: Int, schedule: Schedule?, done: EventLoopPromise<([UInt64], Int)>) {
            self.requests = requests
            self.depth = depth
            self.schedule = schedule
            self.done = done
            latencies.reserveCapacity(requests.count)
            sendTimes.reserveCapacity(requests.count)
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            guard let start = event as? Start else { return context.fireUserInboundEventTriggered(event) }
            if let schedule {
                sendOnSchedule(context, first: start.at + schedule.offset, interval: schedule.interval)
            } else {
                while sent < min(depth, requests.count) { send(context) }
                context.flush()
            }
        }

        func send(_ context: ChannelHandlerContext) {
            sendTimes.append(NIODeadline.now().uptimeNanoseconds)
            context.write(wrapOutboundOut(requests[sent]), promise: nil)
            sent += 1
        }

        /// Sends the next request at its scheduled time, timed from that time.
        func sendOnSchedule(_ context: ChannelHandlerContext, first: NIODeadline, interval: TimeAmount) {
            guard sent < requests.count else { return }
            let deadline = first + .nanoseconds(interval.nanoseconds * Int64(sent))
            context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
                self.sendTimes.append(deadline.uptimeNanoseconds)
                context.writeAndFlush(self.wrapOutboundOut(self.requests[self.sent]), promise: nil)
                self.sent += 1
                self.sendOnSchedule(context, first: first, interval: interval)
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            let now = NIODeadline.now().uptimeNanoseconds
            var wrote = false
            for byte in buffer.readableBytesView where byte == UInt8(ascii: "\n") {
                received += 1
                if sendHead < sendTimes.count {
                    latencies.append(now &- sendTimes[sendHead])
                    sendHead += 1
                }
                if schedule == nil, sent < requests.count {
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
        let owner = plan.sharedConversations ? connection / (1 + plan.otherSockets.count) : connection
        return (0..<plan.requestsPerConnection).map { index in
            let conversation = index % plan.conversationsPerConnection
            let text = index < plan.conversationsPerConnection ? "my left eyelid keeps twitching" : "no"
            return ByteBuffer(
                string:
                    #"{"conversation":"\#(plan.prefix)\#(owner)-\#(conversation)","id":\#(index),"text":"\#(text)"}"#
                    + "\n")
        }
    }

    /// Connects every connection, then starts them all at once and waits for the last reply.
    public static func run(_ plan: Plan, threads: Int = 2) async throws -> Figures {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        var channels: [any Channel] = []
        var results: [EventLoopFuture<([UInt64], Int)>] = []
        // In the open loop each connection sends every connections / rate seconds, the connections evenly staggered.
        let interval = plan.rate.map { TimeAmount.nanoseconds(Int64(Double(plan.connections) / $0 * 1e9)) }
        for connection in 0..<plan.connections {
            let loop = group.next()
            let done = loop.makePromise(of: ([UInt64], Int).self)
            let requests = requests(plan: plan, connection: connection)
            let schedule = interval.map {
                Schedule(
                    offset: .nanoseconds($0.nanoseconds * Int64(connection) / Int64(plan.connections)), interval: $0)
            }
            let bootstrap = ClientBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            Handler(requests: requests, depth: plan.depth, schedule: schedule, done: done))
                    }
                }
            // A listener with a full backlog answers EAGAIN: retry for a while.
            var attempt = 0
            let channel: any Channel
            while true {
                do {
                    let sockets = [plan.socketPath] + plan.otherSockets
                    channel = try await bootstrap.connect(unixDomainSocketPath: sockets[connection % sockets.count])
                        .get()
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
        let start = NIODeadline.now() + (plan.rate == nil ? .zero : .milliseconds(20))
        for channel in channels { channel.pipeline.fireUserInboundEventTriggered(Start(at: start)) }
        var latencies: [UInt64] = []
        var errors = 0
        for result in results {
            let (some, failed) = try await result.get()
            latencies += some
            errors += failed
        }
        let seconds = Double((NIODeadline.now() - start).nanoseconds) / 1e9
        for channel in channels { try? await channel.close() }
        try? await group.shutdownGracefully()
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1e3
        }
        return Figures(
            roundTrips: latencies.count, errors: errors, seconds: seconds, p50: percentile(0.50), p99: percentile(0.99),
            p999: percentile(0.999), maximum: Double(latencies.last ?? 0) / 1e3)
    }
}
