"""shuangtan: what China's provincial leaders said about carbon peaking and neutrality."""

__version__ = "0.1.0"
