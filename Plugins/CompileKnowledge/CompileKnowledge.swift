import Foundation
import PackagePlugin

/// Compiles the knowledge base at build time, so that `twitchtalk` does not parse YAML at every start.
///
/// It runs `KnowledgeCompiler`, which reads `Sources/Assessment/knowledge.yaml` with the same loader and
/// validation as `--knowledge FILE` (a wrong file fails the build with `file:line: problem`) and writes the
/// result as Swift source. Every file in the Assessment target's directory that is not Swift is an input, so
/// that changing the knowledge file, or adding a data file next to it, compiles it again.
@main
struct CompileKnowledge: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let assessment = context.package.targets.first(where: { $0.name == "Assessment" }) else {
            throw CompileKnowledgeError("the package has no Assessment target")
        }
        let directory = assessment.directoryURL
        let knowledge = directory.appendingPathComponent("knowledge.yaml")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("CompiledKnowledge.swift")
        return [
            .buildCommand(
                displayName: "Compiling the knowledge base \(knowledge.lastPathComponent)",
                executable: try context.tool(named: "KnowledgeCompiler").url,
                arguments: [knowledge.path, output.path],
                inputFiles: Self.dataFiles(in: directory),
                outputFiles: [output])
        ]
    }

    /// Every file under `directory` that is not Swift source.
    static func dataFiles(in directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { url in
            var isDirectory: ObjCBool = false
            return url.pathExtension != "swift"
                && FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}

struct CompileKnowledgeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
