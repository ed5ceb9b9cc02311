"""CertDesk — 建设从业人员证书工作台."""

__version__ = "0.1.0"
