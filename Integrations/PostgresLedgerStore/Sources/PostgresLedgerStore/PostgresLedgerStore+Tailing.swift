import Logging
public import PersonalDataLedger
import PostgresNIO

extension PostgresLedgerStore {
    /// Follows the ledger: yields every fact from `sequence` on, in order, each once, as other
    /// processes commit them — for a service that mirrors the ledger or reacts to its facts.
    ///
    /// The sequence numbers are the truth: the stream reads `facts(from:limit:)` after the last
    /// fact it yielded. `LISTEN`/`NOTIFY` only wakes it early; it also reads every
    /// `pollInterval`, so a missed notification delays a fact, never loses it. Cancel the task
    /// that iterates, or stop iterating, to end it.
    public func follow(
        from sequence: UInt64 = 1, pollInterval: Duration = .seconds(1)
    ) -> AsyncThrowingStream<Fact, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Fact, any Error>.makeStream()
        let task = Task {
            let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await self.client.withConnection { connection in
                            for try await _ in try await connection.listen(self.schema.channel) { wake.yield() }
                        }
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: pollInterval)
                            wake.yield()
                        }
                    }
                    group.addTask {
                        var next = max(sequence, 1)
                        var iterator = wakeups.makeAsyncIterator()
                        repeat {
                            while true {
                                let page = try await self.facts(from: next, limit: 1_000)
                                for fact in page { continuation.yield(fact) }
                                next += UInt64(page.count)
                                if page.count < 1_000 { break }
                            }
                        } while await iterator.next() != nil
                    }
                    try await group.next()
                    group.cancelAll()
                }
                continuation.finish()
            } catch is CancellationError {
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
