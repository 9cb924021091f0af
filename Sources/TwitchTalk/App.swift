@main struct App { static func main() { print("twitchtalk") } }
