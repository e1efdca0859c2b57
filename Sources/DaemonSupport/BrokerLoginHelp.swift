import FieldText

/// What `--help` says about each broker login flag, shared by the board's command line (in the reader's
/// language) and the aggregator's (English): the field catalogue's English.
public enum BrokerLoginHelp {
    public static let username = FieldText.say(HelpMessage.brokerUsername, in: .english)
    public static let passwordFile = FieldText.say(HelpMessage.brokerPasswordFile, in: .english)
    public static let caFile = FieldText.say(HelpMessage.brokerCAFile, in: .english)
    public static let certFile = FieldText.say(HelpMessage.brokerCertFile, in: .english)
    public static let keyFile = FieldText.say(HelpMessage.brokerKeyFile, in: .english)
    public static let insecurePlaintext = FieldText.say(HelpMessage.brokerInsecurePlaintext, in: .english)
}
