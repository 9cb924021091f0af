import Assessment
import BuiltinKnowledge
import Testing

/// The knowledge compiled into the binary at build time is the knowledge file read at run time, field by field: a
/// field the compiler leaves out (a new one it does not know yet, say) fails here, not silently in use.
@Suite struct CompiledKnowledgeTests {
    @Test func compiledKnowledgeIsTheKnowledgeFile() throws {
        let compiled = Knowledge.builtin
        let read = try Knowledge.embedded()
        #expect(compiled.sources == read.sources)
        #expect(compiled.questions == read.questions)
        #expect(compiled.emergency == read.emergency)
        #expect(compiled.emergencyAdvice == read.emergencyAdvice)
        #expect(compiled.redFlags == read.redFlags)
        #expect(compiled.causes == read.causes)
        #expect(compiled.homeCare == read.homeCare)
        #expect(compiled.doctor == read.doctor)
        #expect(compiled.answers == read.answers)
        #expect(compiled.dispositions == read.dispositions)
        #expect(compiled.withinDaysWhenFlagsAtLeast == read.withinDaysWhenFlagsAtLeast)
        #expect(compiled.comeBackAfterDays == read.comeBackAfterDays)
        #expect(compiled.messages == read.messages)
        #expect(compiled.signs == read.signs)
        #expect(compiled.assertionCues == read.assertionCues)
        // And every field, including any added after this test was written.
        #expect(compiled == read)
    }
}
