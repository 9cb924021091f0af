import Assessment
import BuiltinKnowledge
import Testing

/// The knowledge compiled into the binary at build time is the knowledge file read at run time, field by field and
/// item by item: a field the compiler leaves out (a new one it does not know yet, say) fails here, naming the item.
@Suite struct CompiledKnowledgeTests {
    @Test func compiledKnowledgeIsTheKnowledgeFile() throws {
        let compiled = Knowledge.builtin
        let read = try Knowledge.embedded()
        expectSame(compiled.questions, read.questions)
        expectSame([compiled.emergency] + compiled.redFlags, [read.emergency] + read.redFlags)
        expectSame(compiled.causes + compiled.homeCare, read.causes + read.homeCare)
        expectSame(compiled.doctor, read.doctor)
        expectSame(compiled.answers, read.answers)
        expectSame(compiled.signs, read.signs)
        #expect(compiled.sources == read.sources)
        #expect(compiled.emergencyAdvice == read.emergencyAdvice)
        #expect(compiled.dispositions == read.dispositions)
        #expect(compiled.withinDaysWhenFlagsAtLeast == read.withinDaysWhenFlagsAtLeast)
        #expect(compiled.comeBackAfterDays == read.comeBackAfterDays)
        #expect(compiled.messages == read.messages)
        #expect(compiled.assertionCues == read.assertionCues)
        // And every field, including any added after this test was written (not printed: it is long).
        #expect(Bool(compiled == read), "the compiled knowledge differs from the file in a field not checked above")
    }

    /// The same items in the same order, each compared alone so that a failure shows one item.
    private func expectSame<T: Equatable>(_ compiled: [T], _ read: [T]) {
        #expect(compiled.count == read.count)
        for (one, other) in zip(compiled, read) { #expect(one == other) }
    }
}
