print("kpi-aggregator")
