import GRDB

/// Makes every insert of a conversation's third line into the SQLite store at `path` fail, as a full disk would;
/// returns the connection that holds the trigger (`DROP TRIGGER sabotage` to mend it).
func failInsertsOfLineThree(in path: String) async throws -> DatabaseQueue {
    let saboteur = try DatabaseQueue(path: path)
    try await saboteur.write { db in
        try db.execute(
            sql: """
                CREATE TRIGGER sabotage BEFORE INSERT ON line WHEN NEW.seq = 3
                BEGIN SELECT RAISE(ABORT, 'simulated full disk'); END
                """)
    }
    return saboteur
}
