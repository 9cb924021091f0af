import ArgumentParser
struct Bench: ParsableCommand { static let configuration = CommandConfiguration(abstract: "Measure speed and print figures (not a test).")
 func run() throws {} }
