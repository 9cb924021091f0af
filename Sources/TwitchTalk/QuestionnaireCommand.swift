import ArgumentParser
import Foundation
import Report

/// `twitchtalk questionnaire`: the knowledge file's questions as a FHIR R4 Questionnaire.
struct QuestionnaireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaire",
        abstract: "Print the questions as a FHIR R4 Questionnaire (JSON), which --fhir responses refer to.")

    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
        let knowledge = try knowledgeOptions.load()
        guard Output.write(FHIR.questionnaire(knowledge).text(pretty: true) + "\n") else { throw ExitCode(1) }
    }
}
