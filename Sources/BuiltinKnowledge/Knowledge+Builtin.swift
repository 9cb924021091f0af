import Assessment

extension Knowledge {
    /// The knowledge built into the binary: `Sources/Assessment/knowledge.yaml`, read and validated by the same
    /// loader as `--knowledge` when the binary was built, and compiled to Swift source (the CompileKnowledge
    /// plugin writes `CompiledKnowledge`), so that a start parses no YAML and decodes no JSON.
    public static var builtin: Knowledge { CompiledKnowledge.knowledge }
}
