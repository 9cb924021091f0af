import Assessment
@main struct M { static func main() { print(Embedded.text) } }
