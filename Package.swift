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
    ],
    targets: [
        // The pure core: case, answer values, knowledge base, rules. No I/O.
        .target(
            name: "Assessment",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("knowledge.yaml")]
        ),
        // Answer understanding and the dialogue state machine. Pure.
        .target(name: "Dialogue", dependencies: ["Assessment"]),
        // The command line: wires the front ends to the core.
        .executableTarget(
            name: "TwitchTalk",
            dependencies: [
                "Assessment", "Dialogue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue"]),
        .testTarget(name: "TwitchTalkTests", dependencies: ["Assessment", "Dialogue"]),
    ],
    swiftLanguageModes: [.v6]
)
