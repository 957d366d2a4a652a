"""SV2 Desk: offline casework for a sexual violence support service."""

__version__ = "0.1.0"
