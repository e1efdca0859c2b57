// SenML
