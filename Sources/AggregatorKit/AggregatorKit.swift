// AggregatorKit
