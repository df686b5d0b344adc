// The PostgreSQL engine's entry points, present in every build: without the PostgreSQL trait
// they say how to build it.

#if PostgreSQL
    func postgresBenchmark(_ options: Options) async throws { try await PostgresBenchmark(options: options).run() }

    func postgresAppendChild(_ arguments: [String]) async throws { try await PostgresChild.append(arguments) }
#else
    private let missingTrait = BenchError(
        "this ledger-bench was built without its PostgreSQL engine; build it with the trait: swift run -c release --package-path Benchmarks --traits PostgreSQL ledger-bench --postgres"
    )

    func postgresBenchmark(_ options: Options) async throws { throw missingTrait }

    func postgresAppendChild(_ arguments: [String]) async throws { throw missingTrait }
#endif
