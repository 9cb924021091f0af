// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "TwitchTalk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "twitchtalk", targets: ["TwitchTalk"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The pure core: case, answer values, knowledge base, rules. No I/O.
        .target(
            name: "Assessment",
            dependencies: [.product(name: "Yams", package: "Yams")],
            // The lexicons (scripts/generate-lexicons) are built in through Lexicon+Text.swift, one string
            // literal each: .embedInCode would make a 1.4 MB [UInt8] literal that takes minutes to compile.
            exclude: ["Lexicon"],
            resources: [.embedInCode("knowledge.yaml")]
        ),
        // Safety reading: every sign in a message, with its assertion (present, absent, possible…). Pure.
        .target(name: "Screening", dependencies: ["Assessment"]),
        // Answer understanding and the dialogue state machine. Pure.
        .target(name: "Dialogue", dependencies: ["Assessment", "Screening"]),
        // The visit summary (Markdown) and the FHIR R4 export. Pure.
        .target(name: "Report", dependencies: ["Assessment", "Dialogue"]),
        // GNU readline, linked from the system (libreadline-dev).
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // The terminal front end: readline editing, history, completion, layout.
        .target(name: "Terminal", dependencies: ["Assessment", "Dialogue", "Report", "CReadline"]),
        // The Unix-socket server: JSON lines, many conversations, SQLite store.
        .target(
            name: "Server",
            dependencies: [
                "Assessment", "Dialogue", "Report",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The knowledge file compiled to Swift at build time (CompileKnowledge), for a fast start.
        .target(name: "BuiltinKnowledge", dependencies: ["Assessment"], plugins: ["CompileKnowledge"]),
        // The command line: wires the front ends to the core.
        .executableTarget(
            name: "TwitchTalk",
            dependencies: [
                "Assessment", "BuiltinKnowledge", "Dialogue", "Report", "Terminal", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reads and validates knowledge.yaml with the Assessment loader at build time and writes it as Swift source.
        .executableTarget(name: "KnowledgeCompiler", dependencies: ["Assessment"]),
        .plugin(name: "CompileKnowledge", capability: .buildTool(), dependencies: ["KnowledgeCompiler"]),
        // A libFuzzer harness for the core; without -DFUZZING it replays inputs (see README, "Fuzzing").
        .executableTarget(name: "Fuzz", dependencies: ["Assessment", "Dialogue"]),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment"]),
        .testTarget(name: "BuiltinKnowledgeTests", dependencies: ["BuiltinKnowledge", "Assessment"]),
        .testTarget(name: "ScreeningTests", dependencies: ["Screening", "Assessment"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue"], exclude: ["Corpus"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Dialogue", "Assessment"], exclude: ["Golden"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Dialogue", "Assessment"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server",
                "Report",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ]),
        .testTarget(name: "TwitchTalkTests", dependencies: ["Assessment", "Dialogue"]),
    ],
    swiftLanguageModes: [.v6]
)
