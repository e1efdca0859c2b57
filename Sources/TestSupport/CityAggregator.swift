/// The real `kpi-aggregator run` as the independent judge of what reached the city.
public enum CityAggregator {
    /// Started and subscribed: a board's readings are queued for its session only once its subscriptions exist.
    public static func start(broker: MosquittoBroker, db: String, clientID: String, logs: String,
                             name: String = "aggregator", arguments: [String] = []) throws -> ChildProcess {
        let child = try ChildProcess(Paths.binary("kpi-aggregator"),
                                     ["run", "--broker", broker.address, "--db", db, "--client-id", clientID] + arguments,
                                     logDirectory: logs, name: name)
        guard eventually(10, { child.output.contains("subscribed to") }) else {
            child.kill(9)
            throw MosquittoBroker.BrokerError("kpi-aggregator did not subscribe: \(child.output)")
        }
        return child
    }
}
