/// What `--help` says about each broker login flag, shared by the board's command line and the aggregator's.
public enum BrokerLoginHelp {
    public static let username = "MQTT user name (with --password-file)."
    public static let passwordFile = "File holding the MQTT password (one line)."
    public static let caFile = "CA certificate to verify the broker with; turns TLS on."
    public static let certFile = "Client certificate (PEM) for TLS client authentication."
    public static let keyFile = "Client key (PEM)."
    public static let insecurePlaintext = "Talk to a broker that is not on this machine without TLS (a lab network only; readings and the password cross the network in clear)."
}
