import Foundation

// `ledger-benchmark [--items N] …`: see BenchmarkOptions.usage and LedgerBenchmark.
do {
    try LedgerBenchmark.run(try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst())))
} catch let error as BenchmarkOptions.UsageError {
    FileHandle.standardError.write(Data("\(error.description)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("ledger-benchmark: \(error)\n".utf8))
    exit(1)
}
